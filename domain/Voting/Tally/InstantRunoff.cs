using System.Numerics;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// Ranked-choice counting by instant runoff, weighted ballots, integers only.
/// <para><b>Reading a ballot.</b> Ranks are read first to last. A 0 (a skipped rank) is passed over, however many
/// follow each other. A choice ranked again at a later rank is ignored there: it counts at its first rank only.
/// Each round a ballot counts, with its full weight, for its highest-ranked choice still in the count; a ballot whose
/// ranked choices have all been eliminated is exhausted from then on.</para>
/// <para><b>Rounds.</b> A round wins when a choice has strictly more than half of the active (non-exhausted) weight,
/// or when it is the only choice left with active weight above zero. Otherwise exactly one choice is eliminated: the
/// one with the lowest total. <b>Tie-break</b>: among choices tied for the lowest total, look at the previous round,
/// then the one before, back to the first, keeping at each step only those with the lowest total there; if more
/// than one is still tied after the first round, the one with the highest choice number is eliminated. Choices
/// nobody ranked take part like any other (with a total of 0) and are eliminated first, one per round.</para>
/// <para>Ballots are moved only when their choice is eliminated, so the whole count reads each rank of each ballot
/// at most once. Weights are summed in 128-bit integers when every weight fits 64 bits (no sum can overflow below
/// 2^64 ballots), in <see cref="BigInteger"/> otherwise.</para>
/// </summary>
public static class InstantRunoff
{
    public static RankedChoiceCount Count(int choiceCount, IReadOnlyList<RankedBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        if (choiceCount is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(choiceCount), "A ranked vote has 1 to 65,535 choices.");
        }

        var fitsUInt64 = true;
        foreach (var ballot in ballots)
        {
            if (ballot.Weight.Sign < 0)
            {
                throw new ArgumentException("A ballot's weight is not negative.", nameof(ballots));
            }

            fitsUInt64 &= ballot.Weight <= ulong.MaxValue;
        }

        return fitsUInt64 ? Run<UInt128>(choiceCount, ballots) : Run<BigInteger>(choiceCount, ballots);
    }

    private static RankedChoiceCount Run<T>(int choiceCount, IReadOnlyList<RankedBallot> ballots)
        where T : IBinaryInteger<T>
    {
        var count = ballots.Count;
        var weights = new T[count];
        var start = new int[count + 1];
        var ranks = new List<ushort>(count * 2);
        var seenBy = new int[choiceCount + 1];
        for (var b = 0; b < count; b++)
        {
            weights[b] = T.CreateChecked(ballots[b].Weight);
            start[b] = ranks.Count;
            foreach (var choice in ballots[b].Ranking.Span)
            {
                if (choice < 0 || choice > choiceCount)
                {
                    throw new ArgumentException($"Ballot {b} ranks choice {choice}, outside 1..{choiceCount}.", nameof(ballots));
                }

                // Skipped ranks (0) are passed over; a repeated choice counts at its first rank only.
                if (choice != 0 && seenBy[choice] != b + 1)
                {
                    seenBy[choice] = b + 1;
                    ranks.Add((ushort)(choice - 1));
                }
            }
        }

        start[count] = ranks.Count;
        var flat = ranks.ToArray();
        var position = new int[count];
        var continuing = new bool[choiceCount];
        Array.Fill(continuing, true);
        var totals = new T[choiceCount];
        var holders = new List<int>[choiceCount];
        for (var c = 0; c < choiceCount; c++)
        {
            holders[c] = [];
        }

        var exhausted = T.Zero;
        long exhaustedBallots = 0;
        for (var b = 0; b < count; b++)
        {
            position[b] = start[b];
            Place(b);
        }

        var rounds = new List<RankedChoiceRound>();
        var remaining = choiceCount;
        while (true)
        {
            var active = T.Zero;
            var leader = -1;
            for (var c = 0; c < choiceCount; c++)
            {
                if (continuing[c])
                {
                    active += totals[c];
                    if (leader < 0 || totals[c] > totals[leader])
                    {
                        leader = c;
                    }
                }
            }

            var snapshot = totals.Select(t => BigInteger.CreateChecked(t)).ToArray();
            var decided = active > T.Zero && (totals[leader] + totals[leader] > active || remaining == 1);
            if (decided || active == T.Zero)
            {
                rounds.Add(new RankedChoiceRound(rounds.Count + 1, snapshot, BigInteger.CreateChecked(exhausted), exhaustedBallots, BigInteger.CreateChecked(active), null));
                return new RankedChoiceCount(rounds, decided ? leader + 1 : null);
            }

            var eliminated = PickElimination(totals, continuing, rounds);
            rounds.Add(new RankedChoiceRound(rounds.Count + 1, snapshot, BigInteger.CreateChecked(exhausted), exhaustedBallots, BigInteger.CreateChecked(active), eliminated + 1));
            continuing[eliminated] = false;
            remaining--;
            totals[eliminated] = T.Zero;
            var moving = holders[eliminated];
            holders[eliminated] = [];
            foreach (var b in moving)
            {
                position[b]++;
                Place(b);
            }
        }

        // Moves ballot b to its highest-ranked continuing choice at or after its position, or exhausts it.
        void Place(int b)
        {
            var p = position[b];
            var end = start[b + 1];
            while (p < end && !continuing[flat[p]])
            {
                p++;
            }

            position[b] = p;
            if (p < end)
            {
                totals[flat[p]] += weights[b];
                holders[flat[p]].Add(b);
            }
            else
            {
                exhausted += weights[b];
                exhaustedBallots++;
            }
        }
    }

    private static int PickElimination<T>(T[] totals, bool[] continuing, List<RankedChoiceRound> previous)
        where T : IBinaryInteger<T>
    {
        var lowest = default(T);
        var tied = new List<int>();
        for (var c = 0; c < totals.Length; c++)
        {
            if (!continuing[c])
            {
                continue;
            }

            if (tied.Count == 0 || totals[c] < lowest!)
            {
                lowest = totals[c];
                tied.Clear();
                tied.Add(c);
            }
            else if (totals[c] == lowest)
            {
                tied.Add(c);
            }
        }

        // Backwards tie-break: the previous round decides, then the one before, and so on.
        for (var r = previous.Count - 1; r >= 0 && tied.Count > 1; r--)
        {
            var round = previous[r].Totals;
            var min = tied.Min(c => round[c]);
            tied.RemoveAll(c => round[c] != min);
        }

        // Still tied: the highest choice number goes.
        return tied.Max();
    }
}
