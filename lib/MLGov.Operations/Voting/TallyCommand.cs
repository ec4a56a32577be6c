using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Operations.Voting;

/// <summary>
/// <c>mlgov tally</c>. Counting mode: <c>--type ranked-choice --choices N --ballots FILE.jsonl</c> runs the domain's
/// instant runoff (<see cref="InstantRunoff"/>) over the ballots and prints every round and the winner as JSON. Audit
/// mode: <c>--proposal FILE --votes FILE.jsonl [--total-weight N]</c> checks every line of a service export again and
/// redoes the service's tally (<see cref="ExportAudit"/>); exit 1 when a line is refused or the result differs.
/// </summary>
internal static class TallyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var type = new Option<string?>("--type") { Description = "The voting type to count; supported: ranked-choice" };
        var choices = new Option<string?>("--choices") { Description = "The number of choices N (2 to 1000)" };
        var ballots = new Option<string?>("--ballots") { Description = "JSON Lines, one ballot per line: {\"ranking\":[3,1,2],\"weight\":\"1\"}, choices 1-based" };
        var proposal = new Option<string?>("--proposal") { Description = "Audit mode: the proposal as GET /api/voting/proposals/{id} returns it (JSON)" };
        var votes = new Option<string?>("--votes") { Description = "Audit mode: the proposal's whole vote export, GET /api/voting/proposals/{id}/votes (JSON Lines)" };
        var totalWeight = new Option<string?>("--total-weight") { Description = "Audit mode: the total eligible weight, for a quorum in basis points" };
        var tally = new Command("tally", "Count ballots offline (--type ranked-choice --choices N --ballots FILE.jsonl) or audit a vote export (--proposal FILE --votes FILE.jsonl)") { type, choices, ballots, proposal, votes, totalWeight };
        tally.Action = new GuardedAction(error, parse =>
        {
            var audit = parse.GetValue(proposal) is not null || parse.GetValue(votes) is not null || parse.GetValue(totalWeight) is not null;
            var count = parse.GetValue(type) is not null || parse.GetValue(choices) is not null || parse.GetValue(ballots) is not null;
            if (audit && count)
            {
                return CommandRun.Refuse(error, "Either count ballots (--type, --choices, --ballots) or audit an export (--proposal, --votes), not both.");
            }

            if (audit)
            {
                return ExportAudit.Run(output, error, parse.GetValue(proposal), parse.GetValue(votes), parse.GetValue(totalWeight));
            }

            return CountRanked(output, error, parse.GetValue(type), parse.GetValue(choices), parse.GetValue(ballots));
        });
        return tally;
    }

    private static int CountRanked(TextWriter output, TextWriter error, string? type, string? choicesText, string? ballotsFile)
    {
        if (type is null || choicesText is null || ballotsFile is null)
        {
            return CommandRun.Refuse(error, "Usage: mlgov tally --type ranked-choice --choices N --ballots FILE.jsonl (all three are needed).");
        }

        if (!VotingTypes.TryParse(type, out var votingType) || votingType != VotingType.RankedChoice)
        {
            return CommandRun.Refuse(error, $"--type {type} cannot be counted from ballots; supported: ranked-choice.");
        }

        if (choicesText.Length is 0 or > 4 || !choicesText.All(char.IsAsciiDigit) || choicesText[0] == '0'
            || int.Parse(choicesText, NumberStyles.None, CultureInfo.InvariantCulture) is < 2 or > ChoiceParser.MaxChoices)
        {
            return CommandRun.Refuse(error, $"--choices must be a whole number from 2 to {ChoiceParser.MaxChoices}, not '{choicesText}'.");
        }

        var choiceCount = int.Parse(choicesText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (!File.Exists(ballotsFile))
        {
            return CommandRun.Refuse(error, $"No such file: {ballotsFile}.");
        }

        var read = RankedBallotFile.Read(ballotsFile, choiceCount, out var problem);
        if (read is null)
        {
            return CommandRun.Refuse(error, problem!);
        }

        var count = InstantRunoff.Count(choiceCount, read);
        output.WriteLine(Render(choiceCount, read, count).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return CommandRun.Ok;
    }

    private static JsonObject Render(int choiceCount, List<RankedBallot> ballots, RankedChoiceCount count)
    {
        var rounds = new JsonArray();
        foreach (var round in count.Rounds)
        {
            var totals = new JsonObject();
            for (var c = 0; c < choiceCount; c++)
            {
                totals[(c + 1).ToString(CultureInfo.InvariantCulture)] = round.Totals[c].ToString(CultureInfo.InvariantCulture);
            }

            rounds.Add(new JsonObject
            {
                ["round"] = round.Number,
                ["totals"] = totals,
                ["active"] = round.Active.ToString(CultureInfo.InvariantCulture),
                ["exhausted"] = round.Exhausted.ToString(CultureInfo.InvariantCulture),
                ["exhaustedBallots"] = round.ExhaustedBallots,
                ["eliminated"] = round.Eliminated,
            });
        }

        var total = ballots.Aggregate(System.Numerics.BigInteger.Zero, (sum, b) => sum + b.Weight);
        return new JsonObject
        {
            ["type"] = VotingTypes.NameOf(VotingType.RankedChoice),
            ["choices"] = choiceCount,
            ["ballots"] = ballots.Count,
            ["weight"] = total.ToString(CultureInfo.InvariantCulture),
            ["rounds"] = rounds,
            ["winner"] = count.Winner,
        };
    }
}
