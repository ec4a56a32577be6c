using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Voting.Domain.Shielded;

namespace MLGov.Voting.Tests.Shielded;

public sealed class ThresholdKeyTests
{
    [Fact]
    public void Any_t_shares_rebuild_the_key_whose_public_key_was_published()
    {
        var setup = ThresholdKey.Create(threshold: 3, keyholders: 5);

        foreach (var chosen in new[] { new[] { 0, 1, 2 }, [4, 2, 0], [1, 3, 4], [0, 1, 2, 3, 4] })
        {
            var key = ThresholdKey.Reconstruct(setup.PublicKey, 3, setup.Commitments, [.. chosen.Select(i => setup.Shares[i])]);
            Assert.Equal(setup.PublicKey.ToArray(), ThresholdKey.PublicKeyOf(key));
        }
    }

    [Fact]
    public void Every_share_matches_the_commitments()
    {
        var setup = ThresholdKey.Create(threshold: 2, keyholders: 4);

        Assert.All(setup.Shares, share => Assert.True(ThresholdKey.Verify(setup.Commitments, share)));
        Assert.Equal(2, setup.Commitments.Count);
    }

    [Fact]
    public void Fewer_than_t_shares_are_refused()
    {
        var setup = ThresholdKey.Create(threshold: 3, keyholders: 5);

        var error = Assert.Throws<ValidationException>(() => ThresholdKey.Reconstruct(setup.PublicKey, 3, setup.Commitments, [setup.Shares[0], setup.Shares[1]]));
        Assert.Contains("needs 3 shares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_share_is_refused_by_name_before_any_key_is_rebuilt()
    {
        var setup = ThresholdKey.Create(threshold: 2, keyholders: 3);
        var altered = setup.Shares[1].Value.ToArray();
        altered[31] ^= 1;

        var error = Assert.Throws<ValidationException>(() =>
            ThresholdKey.Reconstruct(setup.PublicKey, 2, setup.Commitments, [setup.Shares[0], setup.Shares[1] with { Value = altered }]));

        Assert.Contains("Share 2 does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_genuine_share_presented_under_another_index_is_refused()
    {
        var setup = ThresholdKey.Create(threshold: 2, keyholders: 3);

        Assert.False(ThresholdKey.Verify(setup.Commitments, setup.Shares[0] with { Index = 3 }));
        Assert.False(ThresholdKey.Verify(setup.Commitments, setup.Shares[0] with { Index = 0 }));
    }

    [Fact]
    public void Shares_of_another_key_are_refused()
    {
        var setup = ThresholdKey.Create(threshold: 2, keyholders: 3);
        var other = ThresholdKey.Create(threshold: 2, keyholders: 3);

        Assert.Throws<ValidationException>(() => ThresholdKey.Reconstruct(setup.PublicKey, 2, setup.Commitments, [other.Shares[0], other.Shares[1]]));
        // Even with that key's own commitments, the rebuilt key is not the proposal's.
        var error = Assert.Throws<ValidationException>(() => ThresholdKey.Reconstruct(setup.PublicKey, 2, other.Commitments, [other.Shares[0], other.Shares[1]]));
        Assert.Contains("not the proposal's key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_given_twice_is_refused()
    {
        var setup = ThresholdKey.Create(threshold: 2, keyholders: 3);

        Assert.Throws<ValidationException>(() => ThresholdKey.Reconstruct(setup.PublicKey, 2, setup.Commitments, [setup.Shares[0], setup.Shares[0]]));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(1, 0)]
    [InlineData(1, 256)]
    public void Impossible_thresholds_are_refused(int threshold, int keyholders)
    {
        Assert.Throws<ValidationException>(() => ThresholdKey.Create(threshold, keyholders));
    }

    [Fact]
    public void Two_shares_of_a_3_of_n_split_fit_every_secret_exactly_once()
    {
        // Information-theoretic hiding, checked exhaustively in GF(31) (same arithmetic as GF(n), a prime small enough to
        // enumerate): fix two shares (1, 7) and (4, 20). For every secret s, count the polynomials s + a·x + b·x² with
        // f(1) = 7 and f(4) = 20 over all a, b in GF(31): exactly one each, so the two shares leave every secret equally likely.
        var field = new ShamirField(31);
        for (var s = 0; s < 31; s++)
        {
            var fitting = 0;
            for (var a = 0; a < 31; a++)
            {
                for (var b = 0; b < 31; b++)
                {
                    BigInteger[] f = [s, a, b];
                    if (field.Evaluate(f, 1) == 7 && field.Evaluate(f, 4) == 20)
                    {
                        fitting++;
                    }
                }
            }

            Assert.Equal(1, fitting);
        }
    }

    [Fact]
    public void Lagrange_interpolation_recovers_a_hand_computed_secret()
    {
        // In GF(31), f(x) = 5 + 3x + 2x²: f(1) = 10, f(2) = 19, f(3) = 32 mod 31 = 1. Any three points give back f(0) = 5.
        var field = new ShamirField(31);

        Assert.Equal(5, field.InterpolateAtZero([(1, 10), (2, 19), (3, 1)]));
        Assert.Equal(10, field.Evaluate([5, 3, 2], 1));
    }
}
