using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Operations.Voting;

/// <summary>
/// Reads ranked ballots from JSON Lines: one object per line, <c>{"ranking":[3,1,2],"weight":"1"}</c>. The ranking is
/// a JSON array of integers, checked as a ranked-choice vote is (<see cref="ChoiceParser"/>: 1 to N entries, each a
/// choice 1..N or 0 for a skipped rank, at least one choice; a repeated choice is allowed and counts at its first
/// rank). The weight is a positive integer below 2^256, a decimal string or a JSON integer, without leading zeros.
/// No other member is accepted, so a misspelt one is not silently ignored. Blank lines are skipped; line numbers count
/// every line.
/// </summary>
internal static class RankedBallotFile
{
    private static readonly BigInteger MaxWeight = (BigInteger.One << 256) - 1;

    /// <summary>The ballots, or null with <paramref name="problem"/> naming the first bad line.</summary>
    public static List<RankedBallot>? Read(string path, int choiceCount, out string? problem)
    {
        problem = null;
        var ballots = new List<RankedBallot>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var ballot = ReadLine(line, choiceCount, out var lineProblem);
            if (ballot is null)
            {
                problem = $"{path}, line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {lineProblem}";
                return null;
            }

            ballots.Add(ballot.Value);
        }

        return ballots;
    }

    private static RankedBallot? ReadLine(string line, int choiceCount, out string? problem)
    {
        using var document = CommandRun.ParseLine(line, out problem);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "a ballot is a JSON object {\"ranking\":[...],\"weight\":\"...\"}.";
            return null;
        }

        foreach (var member in root.EnumerateObject())
        {
            if (member.Name is not ("ranking" or "weight"))
            {
                problem = $"unknown member '{member.Name}': a ballot has only ranking and weight.";
                return null;
            }
        }

        if (!root.TryGetProperty("ranking", out var ranking))
        {
            problem = "the ranking is missing.";
            return null;
        }

        if (!root.TryGetProperty("weight", out var weightElement))
        {
            problem = "the weight is missing.";
            return null;
        }

        var ranks = Ranking(ranking, choiceCount, out problem);
        if (ranks is null)
        {
            return null;
        }

        var weight = Weight(weightElement, out problem);
        return weight is null ? null : new RankedBallot(ranks, weight.Value);
    }

    private static int[]? Ranking(JsonElement ranking, int choiceCount, out string? problem)
    {
        problem = null;
        if (ranking.ValueKind != JsonValueKind.Array)
        {
            problem = "the ranking is a JSON array of choice numbers, first preference first, e.g. [3,1,2].";
            return null;
        }

        var ranks = new List<int>();
        foreach (var rank in ranking.EnumerateArray())
        {
            var raw = rank.ValueKind == JsonValueKind.Number ? rank.GetRawText() : string.Empty;
            if (raw.Length is 0 or > 9 || !raw.All(char.IsAsciiDigit) || (raw.Length > 1 && raw[0] == '0'))
            {
                problem = $"the ranking's entries are choice numbers 1..{choiceCount} or 0 (a skipped rank), as JSON integers; found {rank.GetRawText()}.";
                return null;
            }

            ranks.Add(int.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        // The same rules as a signed ranked-choice vote: the canonical text of this ranking must parse.
        var text = "[" + string.Join(",", ranks.Select(r => r.ToString(CultureInfo.InvariantCulture))) + "]";
        if (!ChoiceParser.TryParse(VotingType.RankedChoice, choiceCount, text, out _, out var problems))
        {
            problem = $"the ranking {text} is refused: {string.Join(" ", problems)}";
            return null;
        }

        return [.. ranks];
    }

    private static BigInteger? Weight(JsonElement weight, out string? problem)
    {
        problem = null;
        var text = weight.ValueKind switch
        {
            JsonValueKind.String => weight.GetString()!,
            JsonValueKind.Number => weight.GetRawText(),
            _ => string.Empty,
        };
        if (text.Length is 0 or > 78 || !text.All(char.IsAsciiDigit) || text[0] == '0')
        {
            problem = $"the weight must be a positive integer (a decimal string or a JSON integer, no leading zeros); found {weight.GetRawText()}.";
            return null;
        }

        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value > MaxWeight)
        {
            problem = "the weight must be below 2^256.";
            return null;
        }

        return value;
    }
}
