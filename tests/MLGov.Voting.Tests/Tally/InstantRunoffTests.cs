using System.Numerics;
using FsCheck.Xunit;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Tests.Tally;

public sealed class InstantRunoffTests
{
    private static RankedBallot Ballot(BigInteger weight, params int[] ranking) => new(ranking, weight);

    private static IEnumerable<RankedBallot> Times(int n, RankedBallot ballot) => Enumerable.Repeat(ballot, n);

    [Fact]
    public void A_worked_example_with_a_tie_for_last_place_and_an_exhausted_ballot()
    {
        // Choices A=1, B=2, C=3, D=4; ten ballots of weight 1:
        //   4 × [A,B,C], 3 × [B,C,A], 2 × [C,B], 1 × [D,C].
        // Round 1: A 4, B 3, C 2, D 1 (active 10, nobody above 5) → D has the fewest and goes; its ballot moves to C.
        // Round 2: A 4, B 3, C 3, D 0 → B and C tie for last; one round back C had 2 < B's 3 → C goes.
        //          The two [C,B] ballots move to B; [D,C] has nobody left and is exhausted.
        // Round 3: A 4, B 5, exhausted 1, active 9 → B has 5 of 9, more than half: B wins.
        List<RankedBallot> ballots = [.. Times(4, Ballot(1, 1, 2, 3)), .. Times(3, Ballot(1, 2, 3, 1)), .. Times(2, Ballot(1, 3, 2)), Ballot(1, 4, 3)];

        var count = InstantRunoff.Count(4, ballots);

        Assert.Equal(2, count.Winner);
        Assert.Equal(3, count.Rounds.Count);
        AssertRound(count.Rounds[0], [4, 3, 2, 1], exhausted: 0, active: 10, eliminated: 4);
        AssertRound(count.Rounds[1], [4, 3, 3, 0], exhausted: 0, active: 10, eliminated: 3);
        AssertRound(count.Rounds[2], [4, 5, 0, 0], exhausted: 1, active: 9, eliminated: null);
        Assert.Equal(1, count.Rounds[2].ExhaustedBallots);
    }

    [Fact]
    public void Skipped_ranks_are_passed_over_and_repeated_choices_count_once()
    {
        // [0,2,2,1] weight 5 reads as [2,1]; [1,1] weight 3 as [1]; [3,0,0,1] weight 4 as [3,1].
        // Round 1: 1 → 3, 2 → 5, 3 → 4 (active 12; 5 is not above 6) → choice 1 goes; its only ballot ranked nothing else: exhausted 3.
        // Round 2: 2 → 5, 3 → 4, exhausted 3, active 9 → 5 of 9 is above half: choice 2 wins.
        var count = InstantRunoff.Count(3, [Ballot(5, 0, 2, 2, 1), Ballot(3, 1, 1), Ballot(4, 3, 0, 0, 1)]);

        Assert.Equal(2, count.Winner);
        AssertRound(count.Rounds[0], [3, 5, 4], exhausted: 0, active: 12, eliminated: 1);
        AssertRound(count.Rounds[1], [0, 5, 4], exhausted: 3, active: 9, eliminated: null);
    }

    [Fact]
    public void A_tie_in_every_round_eliminates_the_highest_choice_number()
    {
        // [1], [2], [3] weight 1: round 1 all tie at 1 with no earlier round → 3 goes (its ballot exhausts).
        // Round 2: 1 and 2 tie at 1 (active 2, 1 is not above 1); round 1 had them equal too → 2 goes.
        // Round 3: choice 1 alone with active weight 1: it wins.
        var count = InstantRunoff.Count(3, [Ballot(1, 1), Ballot(1, 2), Ballot(1, 3)]);

        Assert.Equal(1, count.Winner);
        Assert.Equal([3, 2, null], count.Rounds.Select(r => r.Eliminated));
        AssertRound(count.Rounds[2], [1, 0, 0], exhausted: 2, active: 1, eliminated: null);
    }

    [Fact]
    public void Unranked_choices_are_eliminated_first_one_per_round()
    {
        // Choices 3 and 4 have no first preference; 1 has 2 and 2 has 2 (tie, active 4). Round 1: 3 and 4 tie at 0 → 4 goes;
        // round 2: 3 goes; round 3: 1 and 2 tie at 2 in every round so far → 2 goes and its ballots move to 1;
        // round 4: 1 has all 4.
        var count = InstantRunoff.Count(4, [Ballot(1, 1), Ballot(1, 1), Ballot(1, 2, 1), Ballot(1, 2, 1)]);

        Assert.Equal([4, 3, 2, null], count.Rounds.Select(r => r.Eliminated));
        Assert.Equal(1, count.Winner);
        Assert.Equal(4, count.Rounds[^1].Totals[0]);
    }

    [Fact]
    public void Weights_above_64_bits_are_counted_exactly()
    {
        var big = BigInteger.One << 70;
        var count = InstantRunoff.Count(2, [Ballot(big, 1), Ballot(big + 1, 2)]);

        Assert.Equal(2, count.Winner);
        Assert.Equal([big, big + 1], count.Rounds[0].Totals);
    }

    [Fact]
    public void No_ballots_no_winner()
    {
        var count = InstantRunoff.Count(3, []);

        Assert.Null(count.Winner);
        Assert.Single(count.Rounds);
    }

    [Property(MaxTest = 200)]
    public bool Every_round_conserves_the_weight(byte[][] raw, ushort[] weights)
    {
        var ballots = Ballots(raw, weights, 5);
        var total = ballots.Aggregate(BigInteger.Zero, (a, b) => a + b.Weight);
        var count = InstantRunoff.Count(5, ballots);
        return count.Rounds.All(r => r.Totals.Aggregate(BigInteger.Zero, (a, b) => a + b) + r.Exhausted == total && r.Active + r.Exhausted == total);
    }

    [Property(MaxTest = 200)]
    public bool The_winner_has_a_majority_of_the_non_exhausted_weight_in_the_final_round(byte[][] raw, ushort[] weights)
    {
        var ballots = Ballots(raw, weights, 5);
        var count = InstantRunoff.Count(5, ballots);
        var last = count.Rounds[^1];
        return count.Winner is not { } winner
            ? last.Active.IsZero
            : last.Totals[winner - 1] * 2 > last.Active && count.Rounds.Take(count.Rounds.Count - 1).All(r => r.Eliminated is not null);
    }

    [Property(MaxTest = 200)]
    public bool The_count_does_not_depend_on_the_order_of_the_ballots(byte[][] raw, ushort[] weights, int seed)
    {
        var ballots = Ballots(raw, weights, 5);
        var shuffled = ballots.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        var a = InstantRunoff.Count(5, ballots);
        var b = InstantRunoff.Count(5, shuffled);
        return a.Winner == b.Winner && a.Rounds.Count == b.Rounds.Count
            && a.Rounds.Zip(b.Rounds).All(p => p.First.Totals.SequenceEqual(p.Second.Totals) && p.First.Eliminated == p.Second.Eliminated && p.First.Exhausted == p.Second.Exhausted);
    }

    [Property(MaxTest = 100)]
    public bool One_choice_is_eliminated_per_round_and_never_comes_back(byte[][] raw, ushort[] weights)
    {
        var count = InstantRunoff.Count(5, Ballots(raw, weights, 5));
        var gone = new HashSet<int>();
        foreach (var round in count.Rounds)
        {
            if (gone.Any(c => !round.Totals[c - 1].IsZero))
            {
                return false;
            }

            if (round.Eliminated is { } e && !gone.Add(e))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Valid ballots from arbitrary bytes: ranks modulo (choices + 1), so 0 (skip) and repeats occur; at least one rank not 0.</summary>
    private static List<RankedBallot> Ballots(byte[][] raw, ushort[] weights, int choices)
    {
        var ballots = new List<RankedBallot>();
        for (var i = 0; i < (raw?.Length ?? 0); i++)
        {
            var ranking = (raw![i] ?? []).Take(choices).Select(b => b % (choices + 1)).ToArray();
            if (ranking.All(r => r == 0))
            {
                ranking = [(i % choices) + 1];
            }

            var weight = weights is { Length: > 0 } ? weights[i % weights.Length] + 1 : 1;
            ballots.Add(new RankedBallot(ranking, weight));
        }

        return ballots;
    }

    private static void AssertRound(RankedChoiceRound round, int[] totals, int exhausted, int active, int? eliminated)
    {
        Assert.Equal(totals.Select(t => (BigInteger)t), round.Totals);
        Assert.Equal(exhausted, round.Exhausted);
        Assert.Equal(active, round.Active);
        Assert.Equal(eliminated, round.Eliminated);
    }
}
