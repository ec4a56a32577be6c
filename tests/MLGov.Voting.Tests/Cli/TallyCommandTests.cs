using System.Text.Json.Nodes;

namespace MLGov.Voting.Tests.Cli;

/// <summary>
/// mlgov tally --type ranked-choice: the rounds of instant runoff as JSON, checked against counts done by hand from the
/// rules in docs/voting.md (the worked example there, skipped and repeated ranks, the tie-break), and every refusal.
/// </summary>
public sealed class TallyCommandTests : IDisposable
{
    private readonly VotingCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Ballots(params string[] lines) => _cli.File("ballots.jsonl", string.Join("\n", lines) + "\n");

    private static async Task<JsonNode> CountAsync(int choices, string file) =>
        JsonNode.Parse(await VotingCli.OkAsync("tally", "--type", "ranked-choice", "--choices", choices.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ballots", file))!;

    private static string[] Totals(JsonNode round, int choices) =>
        [.. Enumerable.Range(1, choices).Select(c => (string)round["totals"]![c.ToString(System.Globalization.CultureInfo.InvariantCulture)]!)];

    [Fact]
    public async Task The_worked_example_gives_the_documented_rounds_and_winner()
    {
        // docs/voting.md: 4 × [1,2,3], 3 × [2,3,1], 2 × [3,2], 1 × [4,3], weight 1 each.
        var file = Ballots(
            [.. Enumerable.Repeat("{\"ranking\":[1,2,3],\"weight\":\"1\"}", 4),
             .. Enumerable.Repeat("{\"ranking\":[2,3,1],\"weight\":1}", 3),
             .. Enumerable.Repeat("{\"ranking\":[3,2],\"weight\":\"1\"}", 2),
             "{\"ranking\":[4,3],\"weight\":\"1\"}"]);

        var result = await CountAsync(4, file);

        Assert.Equal("ranked-choice", (string?)result["type"]);
        Assert.Equal(10, (int)result["ballots"]!);
        Assert.Equal("10", (string?)result["weight"]);
        var rounds = result["rounds"]!.AsArray();
        Assert.Equal(3, rounds.Count);
        // Round 1: 4, 3, 2, 1 → choice 4 goes.
        Assert.Equal(["4", "3", "2", "1"], Totals(rounds[0]!, 4));
        Assert.Equal(4, (int?)rounds[0]!["eliminated"]);
        Assert.Equal("0", (string?)rounds[0]!["exhausted"]);
        // Round 2: 4, 3, 3, 0 → 2 and 3 tie; in round 1 choice 3 had fewer → 3 goes.
        Assert.Equal(["4", "3", "3", "0"], Totals(rounds[1]!, 4));
        Assert.Equal(3, (int?)rounds[1]!["eliminated"]);
        // Round 3: 4, 5; [4,3] is exhausted; active 9; choice 2 has 5 of 9.
        Assert.Equal(["4", "5", "0", "0"], Totals(rounds[2]!, 4));
        Assert.Equal("1", (string?)rounds[2]!["exhausted"]);
        Assert.Equal(1, (int)rounds[2]!["exhaustedBallots"]!);
        Assert.Equal("9", (string?)rounds[2]!["active"]);
        Assert.Null(rounds[2]!["eliminated"]);
        Assert.Equal(2, (int?)result["winner"]);
    }

    [Fact]
    public async Task Skipped_and_repeated_ranks_follow_the_documented_rules_and_ties_go_highest_number_first()
    {
        // By hand, 4 choices: [0,2,2,1] reads [2,1]; [3,0,2] reads [3,2]; nobody ranks choice 4.
        // Round 1: 3, 2, 2, 0 (no majority of 7) → choice 4, with nothing, goes first.
        // Round 2: 3, 2, 2, 0 → 2 and 3 tie, and tied in round 1 too → the highest number, 3, goes.
        // Round 3: [3,0,2] moves to 2: 3, 4 → 4 of 7 wins.
        var file = Ballots(
            "{\"ranking\":[1],\"weight\":\"3\"}",
            "",
            "{\"weight\":2,\"ranking\":[0,2,2,1]}",
            "{\"ranking\":[3,0,2],\"weight\":\"2\"}");

        var result = await CountAsync(4, file);

        var rounds = result["rounds"]!.AsArray();
        Assert.Equal(3, rounds.Count);
        Assert.Equal(["3", "2", "2", "0"], Totals(rounds[0]!, 4));
        Assert.Equal(4, (int?)rounds[0]!["eliminated"]);
        Assert.Equal(["3", "2", "2", "0"], Totals(rounds[1]!, 4));
        Assert.Equal(3, (int?)rounds[1]!["eliminated"]);
        Assert.Equal(["3", "4", "0", "0"], Totals(rounds[2]!, 4));
        Assert.Equal("0", (string?)rounds[2]!["exhausted"]);
        Assert.Equal("7", (string?)rounds[2]!["active"]);
        Assert.Equal(2, (int?)result["winner"]);
        Assert.Equal(3, (int)result["ballots"]!);
    }

    [Fact]
    public async Task Weights_beyond_64_bits_are_counted_exactly()
    {
        // 2^64 + 1 against 2^64: choice 1 has more than half of 2^65 + 1.
        var file = Ballots(
            "{\"ranking\":[1,2],\"weight\":\"18446744073709551617\"}",
            "{\"ranking\":[2,1],\"weight\":\"18446744073709551616\"}");

        var result = await CountAsync(2, file);

        Assert.Equal("36893488147419103233", (string?)result["weight"]);
        Assert.Equal(["18446744073709551617", "18446744073709551616"], Totals(result["rounds"]![0]!, 2));
        Assert.Equal(1, (int?)result["winner"]);
    }

    [Fact]
    public async Task No_ballots_give_one_empty_round_and_no_winner()
    {
        var result = await CountAsync(2, _cli.File("empty.jsonl", string.Empty));

        Assert.Single(result["rounds"]!.AsArray());
        Assert.Null(result["winner"]);
    }

    [Theory]
    [InlineData("{\"ranking\":[1,2],\"weight\":\"1\"", "not valid JSON")]
    [InlineData("[1,2]", "a ballot is a JSON object")]
    [InlineData("{\"ranking\":[1,2],\"weight\":\"1\",\"weight\":\"2\"}", "not valid JSON")]
    [InlineData("{\"ranking\":[1,2],\"weight\":\"1\",\"voter\":\"x\"}", "unknown member 'voter'")]
    [InlineData("{\"weight\":\"1\"}", "the ranking is missing")]
    [InlineData("{\"ranking\":[1],\"weight\":\"1\",\"\\udc00\":1}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"ranking\":[1,2]}", "the weight is missing")]
    [InlineData("{\"ranking\":\"[1,2]\",\"weight\":\"1\"}", "the ranking is a JSON array")]
    [InlineData("{\"ranking\":[1,4],\"weight\":\"1\"}", "Choice 4 does not exist")]
    [InlineData("{\"ranking\":[1,2,3,1],\"weight\":\"1\"}", "at most 3 ranks")]
    [InlineData("{\"ranking\":[0,0],\"weight\":\"1\"}", "the ranking [0,0] is refused")]
    [InlineData("{\"ranking\":[],\"weight\":\"1\"}", "at least one choice")]
    [InlineData("{\"ranking\":[\"1\"],\"weight\":\"1\"}", "as JSON integers; found \"1\"")]
    [InlineData("{\"ranking\":[1.0],\"weight\":\"1\"}", "found 1.0")]
    [InlineData("{\"ranking\":[-1],\"weight\":\"1\"}", "found -1")]
    [InlineData("{\"ranking\":[1],\"weight\":\"0\"}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":0}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":\"-1\"}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":\"01\"}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":1.5}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":1e3}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":\"1 000\"}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":null}", "the weight must be a positive integer")]
    [InlineData("{\"ranking\":[1],\"weight\":\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"}", "below 2^256")]
    public async Task A_bad_ballot_is_refused_naming_its_line(string badLine, string expected)
    {
        var file = Ballots("{\"ranking\":[1,2],\"weight\":\"1\"}", "", badLine, "{\"ranking\":[2],\"weight\":\"1\"}");

        var line = await VotingCli.RefusedAsync(expected, "tally", "--type", "ranked-choice", "--choices", "3", "--ballots", file);

        Assert.StartsWith($"{file}, line 3: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1001")]
    [InlineData("0")]
    [InlineData("03")]
    [InlineData("three")]
    [InlineData("-3")]
    public async Task The_number_of_choices_must_be_2_to_1000(string choices)
    {
        var file = Ballots("{\"ranking\":[1],\"weight\":\"1\"}");

        await VotingCli.RefusedAsync("--choices must be a whole number from 2 to 1000", "tally", "--type", "ranked-choice", "--choices", choices, "--ballots", file);
    }

    [Fact]
    public async Task Other_types_modes_and_missing_options_are_usage_errors()
    {
        var file = Ballots("{\"ranking\":[1],\"weight\":\"1\"}");

        await VotingCli.RefusedAsync("--type single-choice cannot be counted from ballots", "tally", "--type", "single-choice", "--choices", "3", "--ballots", file);
        await VotingCli.RefusedAsync("--type instant cannot be counted from ballots", "tally", "--type", "instant", "--choices", "3", "--ballots", file);
        await VotingCli.RefusedAsync("all three are needed", "tally", "--type", "ranked-choice", "--ballots", file);
        await VotingCli.RefusedAsync("all three are needed", "tally", "--choices", "3", "--ballots", file);
        await VotingCli.RefusedAsync("all three are needed", "tally");
        await VotingCli.RefusedAsync("No such file", "tally", "--proposal", _cli.PathOf("proposal.json"), "--votes", _cli.PathOf("votes.jsonl"));
        await VotingCli.RefusedAsync("not both", "tally", "--type", "ranked-choice", "--choices", "3", "--ballots", file, "--votes", "votes.jsonl");
        await VotingCli.RefusedAsync("No such file", "tally", "--type", "ranked-choice", "--choices", "3", "--ballots", _cli.PathOf("none.jsonl"));
        await VotingCli.RefusedAsync("Unexpected argument(s): --round", "tally", "--type", "ranked-choice", "--choices", "3", "--ballots", file, "--round", "1");
    }

    [Fact]
    public async Task Command_line_syntax_errors_are_refused_with_exit_code_2_too()
    {
        var file = Ballots("{\"ranking\":[1],\"weight\":\"1\"}");

        await VotingCli.RefusedAsync("Required argument missing for option: '--choices'", "tally", "--type", "ranked-choice", "--ballots", file, "--choices");
        await VotingCli.RefusedAsync("'--choices' expects a single argument but 2 were provided", "tally", "--type", "ranked-choice", "--choices", "3", "--choices", "4", "--ballots", file);
    }

    [Fact]
    public async Task Help_is_still_help()
    {
        var (code, output, _) = await VotingCli.RunAsync("tally", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--ballots", output, StringComparison.Ordinal);
    }
}
