using System.Numerics;
using FsCheck.Xunit;
using MLGov.Core.Hashing;
using MLGov.Voting.Domain.Weights;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Weights;

public sealed class DelegatedWeightsTests
{
    private static readonly byte[] Space = Keccak256.Compute("space-1"u8);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(10_000);

    private static DelegationGraph Graph(params (int From, int To)[] edges)
    {
        var graph = new DelegationGraph(Space);
        foreach (var (from, to) in edges)
        {
            graph.Add(new DelegationMessage(Space, Voter(from), Voter(to), 10), Now);
        }

        return graph;
    }

    private static Dictionary<string, BigInteger> Base(params (int Address, int Weight)[] weights) =>
        weights.ToDictionary(w => Voter(w.Address), w => new BigInteger(w.Weight));

    private static DelegatedWeight Of(IReadOnlyList<DelegatedWeight> weights, int voter) => weights.Single(w => w.Voter == Voter(voter));

    [Fact]
    public void A_non_voting_delegators_weight_flows_along_the_chain_to_the_first_voter()
    {
        // 1 → 2 → 3 → 4; 3 and 4 vote. 1 and 2 did not: their weight stops at 3, the first voter on their chain.
        var weights = DelegatedWeights.Apply(Base((1, 10), (2, 20), (3, 30), (4, 40)), Graph((1, 2), (2, 3), (3, 4)), [Voter(3), Voter(4)]);

        Assert.Equal((new BigInteger(30), new BigInteger(30)), (Of(weights, 3).Own, Of(weights, 3).Delegated));
        Assert.Equal([Voter(1), Voter(2)], Of(weights, 3).Delegators);
        Assert.Equal(new BigInteger(60), Of(weights, 3).Total);
        Assert.Equal(new BigInteger(40), Of(weights, 4).Total);
        Assert.Empty(Of(weights, 4).Delegators);
    }

    [Fact]
    public void Weight_whose_chain_reaches_no_voter_is_not_counted()
    {
        var weights = DelegatedWeights.Apply(Base((1, 10), (2, 20), (5, 7)), Graph((1, 2)), [Voter(5)]);

        Assert.Equal([new BigInteger(7)], weights.Select(w => w.Total));
    }

    [Fact]
    public void A_delegator_who_voted_counts_for_themselves_only()
    {
        // 1 → 2, both vote: 1's vote overrides its delegation for this proposal.
        var weights = DelegatedWeights.Apply(Base((1, 10), (2, 20)), Graph((1, 2)), [Voter(1), Voter(2)]);

        Assert.Equal(new BigInteger(10), Of(weights, 1).Total);
        Assert.Equal(new BigInteger(20), Of(weights, 2).Total);
        Assert.Empty(Of(weights, 2).Delegators);
    }

    [Fact]
    public void Attack_a_delegate_gets_nothing_from_a_delegator_who_voted_but_keeps_what_flows_through_them()
    {
        // 1 → 3 and 2 → 3; 1 voted, 2 did not; 3 votes. 3 receives 2's weight, never 1's (1 already counted).
        var weights = DelegatedWeights.Apply(Base((1, 100), (2, 5), (3, 1)), Graph((1, 3), (2, 3)), [Voter(1), Voter(3)]);

        Assert.Equal(new BigInteger(100), Of(weights, 1).Total);
        Assert.Equal(new BigInteger(6), Of(weights, 3).Total);
        Assert.Equal([Voter(2)], Of(weights, 3).Delegators);
        Assert.Equal(new BigInteger(106), weights.Aggregate(BigInteger.Zero, (a, w) => a + w.Total));
    }

    [Fact]
    public void Attack_delegating_twice_does_not_count_twice_only_the_latest_delegate_carries_the_weight()
    {
        var graph = new DelegationGraph(Space);
        graph.Add(new DelegationMessage(Space, Voter(1), Voter(2), 10), Now);
        graph.Add(new DelegationMessage(Space, Voter(1), Voter(3), 11), Now);
        // The same delegator in other letter case is the same delegator.
        graph.Add(new DelegationMessage(Space, Voter(1).Replace("0x", "0X", StringComparison.Ordinal).ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), Voter(2), 12), Now);

        var weights = DelegatedWeights.Apply(Base((1, 50)), graph, [Voter(2), Voter(3)]);

        Assert.Equal(new BigInteger(50), Of(weights, 2).Total);
        Assert.Equal(BigInteger.Zero, Of(weights, 3).Total);
    }

    [Fact]
    public void Attack_a_cycle_cannot_be_built_to_inflate_weight()
    {
        var graph = Graph((1, 2), (2, 3));

        Assert.Throws<DelegationLoopException>(() => graph.Add(new DelegationMessage(Space, Voter(3), Voter(1), 11), Now));
        var weights = DelegatedWeights.Apply(Base((1, 1), (2, 1), (3, 1)), graph, [Voter(3)]);

        Assert.Equal(new BigInteger(3), Of(weights, 3).Total);
    }

    [Fact]
    public void Attack_the_same_address_in_two_letter_cases_in_the_base_weights_is_refused()
    {
        var weights = new Dictionary<string, BigInteger> { [Voter(10)] = 5, [Voter(10).ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)] = 5 };

        Assert.Throws<ArgumentException>(() => DelegatedWeights.Apply(weights, Graph(), [Voter(10)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelegatedWeights.Apply(Base((1, -1)), Graph(), [Voter(1)]));
    }

    [Fact]
    public void Voters_are_ordered_by_address_and_matched_case_insensitively()
    {
        var upper = Voter(0xab).ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal);

        var weights = DelegatedWeights.Apply(Base((0xab, 3), (2, 4)), Graph((2, 0xab)), [upper, Voter(1)]);

        Assert.Equal([Voter(1), upper], weights.Select(w => w.Voter));
        Assert.Equal(new BigInteger(7), weights[1].Total);
        Assert.Equal(new BigInteger(7), DelegatedWeights.ToWeights(weights)[Voter(0xab)]);
    }

    /// <summary>
    /// Random graphs (edges added through the graph, loops refused), random base weights and voters: the counted total
    /// never exceeds the base total and equals, by a naive walk written here, the voters' own weight plus that of every
    /// non-voter whose chain reaches a voter.
    /// </summary>
    [Property(MaxTest = 200)]
    public bool Counted_weight_is_exactly_the_weight_whose_chain_reaches_a_voter(byte[] edges, ushort[] weights, byte[] voterBits)
    {
        const int n = 12;
        var graph = new DelegationGraph(Space);
        ulong t = 1;
        for (var i = 0; i + 1 < edges.Length; i += 2)
        {
            var from = (edges[i] % n) + 1;
            var to = (edges[i + 1] % (n + 1)) + 1; // n + 1: sometimes the zero-address revocation
            var message = new DelegationMessage(Space, Voter(from), to == n + 1 ? DelegationMessage.ZeroAddress : Voter(to), t++);
            try
            {
                graph.Add(message, Now);
            }
            catch (DelegationLoopException)
            {
            }
        }

        var baseWeights = Enumerable.Range(1, n).ToDictionary(i => Voter(i), i => weights.Length == 0 ? BigInteger.One : new BigInteger(weights[i % weights.Length]));
        var voters = Enumerable.Range(1, n).Where(i => voterBits.Length > 0 && (voterBits[i % voterBits.Length] & (1 << (i % 8))) != 0).Select(i => Voter(i)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var result = DelegatedWeights.Apply(baseWeights, graph, voters);

        var expected = BigInteger.Zero;
        foreach (var (address, weight) in baseWeights)
        {
            var current = (string?)address;
            for (var steps = 0; current is not null && steps <= n; steps++)
            {
                if (voters.Contains(current))
                {
                    expected += weight;
                    break;
                }

                current = graph.DelegateOf(current);
            }
        }

        var counted = result.Aggregate(BigInteger.Zero, (a, w) => a + w.Total);
        var total = baseWeights.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var everyDelegatorOnce = result.SelectMany(w => w.Delegators).Concat(result.Select(w => w.Voter)).Distinct(StringComparer.OrdinalIgnoreCase).Count()
            == result.Sum(w => w.Delegators.Count) + result.Count;
        return counted <= total && counted == expected && everyDelegatorOnce && result.Count == voters.Count;
    }
}
