using System.Diagnostics;
using System.Globalization;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Bench.Voting;

/// <summary>
/// (b) An instant-runoff count of N ranked ballots over C choices: rankings of random length 1..C (seeded, so runs
/// compare), with skips and repeats on a few percent of them, weights 1..1000. Timed: the count alone, three times; best reported.
/// </summary>
internal static class RankedChoiceScale
{
    public static void Run(int count, int choices, TextWriter output)
    {
        var random = new Random(20);
        var ballots = new RankedBallot[count];
        for (var i = 0; i < count; i++)
        {
            var order = Enumerable.Range(1, choices).ToArray();
            random.Shuffle(order);
            var length = random.Next(1, choices + 1);
            var ranking = order[..length];
            if (random.Next(50) == 0 && length > 1)
            {
                ranking[^1] = random.Next(2) == 0 ? 0 : ranking[0];
            }

            ballots[i] = new RankedBallot(ranking, random.Next(1, 1001));
        }

        InstantRunoff.Count(choices, ballots[..Math.Min(count, 10_000)]);
        var best = double.MaxValue;
        RankedChoiceCount? result = null;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            result = InstantRunoff.Count(choices, ballots);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(b) ranked choice: {count:N0} ballots over {choices} choices counted in {best * 1000:F0} ms (best of 3; aim < 1,000 ms), {result!.Rounds.Count} rounds, winner {result.Winner}"));
        foreach (var round in result.Rounds)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    round {round.Number}: [{string.Join(", ", round.Totals)}] exhausted {round.Exhausted} ({round.ExhaustedBallots:N0} ballots), eliminated {round.Eliminated?.ToString(CultureInfo.InvariantCulture) ?? "-"}"));
        }
    }
}
