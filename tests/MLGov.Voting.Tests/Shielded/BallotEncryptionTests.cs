using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Shielded;
using MLGov.Voting.Domain.Tally;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Shielded;

public sealed class BallotEncryptionTests
{
    [Fact]
    public void Shielded_ballots_decrypt_after_reconstruction_and_tally_exactly_like_the_clear_ones()
    {
        var setup = ThresholdKey.Create(threshold: 2, keyholders: 3);
        (int Voter, string Choice, int Weight)[] clear = [(1, "[1,2,3]", 5), (2, "[2,1]", 4), (3, "[3,0,2]", 3), (4, "[2,2,1]", 2)];
        var encrypted = clear.Select(v => (v.Voter, Ballot: BallotEncryption.Encrypt(setup.PublicKey.Span, ProposalId, v.Choice), v.Weight)).ToArray();

        // The ciphertexts do not carry the choice text (each choice is 5+ bytes, so a chance match is below 2^-40).
        Assert.All(encrypted.Zip(clear), p => Assert.True(p.First.Ballot.Ciphertext.Span.IndexOf(System.Text.Encoding.UTF8.GetBytes(p.Second.Choice)) < 0));

        var key = ThresholdKey.Reconstruct(setup.PublicKey, 2, setup.Commitments, [setup.Shares[2], setup.Shares[0]]);
        var decrypted = encrypted.Select(e => Cast(e.Voter, VotingType.RankedChoice, BallotEncryption.Decrypt(key, ProposalId, e.Ballot), e.Weight)).ToArray();
        var expected = VoteTally.Tally(Settings(VotingType.RankedChoice), clear.Select(v => Cast(v.Voter, VotingType.RankedChoice, v.Choice, v.Weight)));
        var actual = VoteTally.Tally(Settings(VotingType.RankedChoice), decrypted);

        Assert.Equal(expected.Totals, actual.Totals);
        Assert.Equal(expected.Winners, actual.Winners);
        Assert.Equal(expected.Rounds.Select(r => r.Eliminated), actual.Rounds.Select(r => r.Eliminated));
        Assert.Equal(expected.VotesRoot, actual.VotesRoot);
    }

    [Fact]
    public void Each_ballot_has_its_own_ephemeral_key_so_equal_choices_encrypt_differently()
    {
        var setup = ThresholdKey.Create(1, 1);

        var a = BallotEncryption.Encrypt(setup.PublicKey.Span, ProposalId, "1");
        var b = BallotEncryption.Encrypt(setup.PublicKey.Span, ProposalId, "1");

        Assert.NotEqual(a.EphemeralPublicKey.ToArray(), b.EphemeralPublicKey.ToArray());
        Assert.NotEqual(a.Ciphertext.ToArray(), b.Ciphertext.ToArray());
    }

    [Fact]
    public void A_ballot_moved_to_another_proposal_altered_or_read_with_another_key_does_not_decrypt()
    {
        var setup = ThresholdKey.Create(1, 1);
        var key = ThresholdKey.Reconstruct(setup.PublicKey, 1, setup.Commitments, setup.Shares);
        var ballot = BallotEncryption.Encrypt(setup.PublicKey.Span, ProposalId, "2");
        var altered = ballot.Ciphertext.ToArray();
        altered[0] ^= 1;
        var otherKey = ThresholdKey.Create(1, 1);
        var wrongKey = ThresholdKey.Reconstruct(otherKey.PublicKey, 1, otherKey.Commitments, otherKey.Shares);

        Assert.Equal("2", BallotEncryption.Decrypt(key, ProposalId, ballot));
        Assert.Throws<ValidationException>(() => BallotEncryption.Decrypt(key, Keccak256.Compute("proposal-2"u8), ballot));
        Assert.Throws<ValidationException>(() => BallotEncryption.Decrypt(key, ProposalId, ballot with { Ciphertext = altered }));
        Assert.Throws<ValidationException>(() => BallotEncryption.Decrypt(wrongKey, ProposalId, ballot));
        Assert.Throws<ValidationException>(() => BallotEncryption.Decrypt(key, ProposalId, ballot with { Ciphertext = new byte[3] }));
        Assert.Throws<ValidationException>(() => BallotEncryption.Decrypt(key, ProposalId, ballot with { EphemeralPublicKey = new byte[5] }));
    }
}
