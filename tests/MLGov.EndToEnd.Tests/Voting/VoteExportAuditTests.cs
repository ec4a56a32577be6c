using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MLGov.EndToEnd.Tests.Identity;
using MLGov.Operations.Voting;
using MLGov.Trust.Keys;

namespace MLGov.EndToEnd.Tests.Voting;

/// <summary>
/// The offline audit against the real service: votes cast over HTTP by wallets (signed from the served typed data) and
/// by DIDs, the proposal closed by the timer, the proposal JSON and the whole paged export downloaded as any auditor
/// would, and <c>mlgov tally --proposal --votes</c> run in process on those files must print the service's result hash
/// and votes root; with one line of the export forged it must refuse that line and fail.
/// </summary>
public sealed class VoteExportAuditTests : IClassFixture<VotingStackFixture>, IDisposable
{
    private const string Member = "CommunityMemberCredential";
    private const string Finalizer = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private readonly VotingStackFixture _stack;
    private readonly string _directory = Directory.CreateTempSubdirectory("mlgov-audit-").FullName;

    public VoteExportAuditTests(VotingStackFixture stack)
    {
        _stack = stack;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DateTimeOffset Now => _stack.Clock.GetUtcNow();

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<string> OpenProposalAsync(HttpClient client, Holder admin)
    {
        var space = "space-" + Guid.NewGuid().ToString("N")[..10];
        var spaceBody = new JsonObject
        {
            ["id"] = space,
            ["name"] = "Dataset licence board",
            ["admins"] = new JsonArray(admin.Did),
            ["proposers"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(VotingKit.IssuerDid) },
            ["defaults"] = new JsonObject
            {
                ["type"] = "single-choice",
                ["votingPeriodSeconds"] = 3600,
                ["votesMayChange"] = true,
                ["eligibility"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(VotingKit.IssuerDid) },
            },
            ["strategies"] = new JsonArray(new JsonObject { ["kind"] = "credential" }),
            ["chainId"] = 31337,
            ["finalizer"] = Finalizer,
            ["token"] = null,
            ["keyholders"] = new JsonArray(),
        }.ToJsonString();
        await PostAsync(client, "api/voting/spaces", spaceBody, ("Body-Signature", VotingKit.SignBody(admin, spaceBody, at: Now)));
        var proposalBody = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Which licence for the curated corpus",
            ["body"] = "CC-BY-4.0, ODC-By-1.0 or CDLA-Permissive-2.0.",
            ["choices"] = new JsonArray("CC-BY-4.0", "ODC-By-1.0", "CDLA-Permissive-2.0"),
            ["snapshot"] = 0,
            ["start"] = Now.AddSeconds(-10).ToString("O"),
            ["end"] = Now.AddMinutes(30).ToString("O"),
        }.ToJsonString();
        var created = await PostAsync(client, $"api/voting/spaces/{space}/proposals", proposalBody, ("Body-Signature", VotingKit.SignBody(admin, proposalBody, at: Now)));
        return created["id"]!.GetValue<string>();
    }

    private async Task WalletVoteAsync(HttpClient client, string proposal, Wallet wallet, string choice, string credential, long timestamp)
    {
        using var served = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/typed-data?voter={wallet.Address}&choice={choice}&timestamp={timestamp}", UriKind.Relative));
        var typedData = await served.Content.ReadAsStringAsync();
        Assert.True(served.StatusCode == HttpStatusCode.OK, typedData);
        var body = new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = wallet.SignTypedData(typedData) }.ToJsonString();
        await CastAsync(client, proposal, body, await VotingKit.PresentAsync(client, Now, wallet.Holder, credential));
    }

    private static async Task CastAsync(HttpClient client, string proposal, string body, string presentation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/voting/proposals/{proposal}/votes", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", presentation);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, text);
    }

    /// <summary>The whole export, page after page by the Link header, concatenated as an auditor saves it.</summary>
    private static async Task<string> DownloadExportAsync(HttpClient client, string proposal)
    {
        var text = new StringBuilder();
        var next = new Uri($"api/voting/proposals/{proposal}/votes?limit=3", UriKind.Relative);
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 100, "the export does not end");
            using var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            text.Append(page);
            if (page.Length > 0 && page[^1] != '\n')
            {
                text.Append('\n');
            }

            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            next = link is null ? null : new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)].TrimStart('/'), UriKind.Relative);
        }

        return text.ToString();
    }

    private static async Task<(int Code, string Output, string Error)> TallyAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand("mlgov");
        foreach (var command in VotingCommands.Create(output, error))
        {
            root.Subcommands.Add(command);
        }

        var code = await root.Parse(["tally", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_offline_audit_of_the_downloaded_export_prints_the_services_result_hash_and_votes_root()
    {
        using var client = _stack.Client();
        var admin = Holder.New(KeyType.Ed25519);
        var proposal = await OpenProposalAsync(client, admin);
        var wallets = Enumerable.Range(0, 7).Select(_ => Wallet.New()).ToList();
        string[] choices = ["1", "2", "2", "3", "1", "2", "1"];
        var at = Now.ToUnixTimeSeconds();
        for (var i = 0; i < wallets.Count; i++)
        {
            var credential = await VotingKit.IssueAsync(client, wallets[i].Holder.Did, Member);
            await WalletVoteAsync(client, proposal, wallets[i], choices[i], credential, at);
        }

        // Wallet 0 changes its mind later: the vote signed later replaces its first one.
        var firstCredential = await VotingKit.IssueAsync(client, wallets[0].Holder.Did, Member);
        await WalletVoteAsync(client, proposal, wallets[0], "3", firstCredential, at + 5);

        // Two DIDs vote with compact JWS: an Ed25519 did:key (counted under an address derived from the DID) and a
        // secp256k1 did:key (counted under its own Ethereum address).
        foreach (var (voter, choice) in new[] { (Holder.New(KeyType.Ed25519), "2"), (Holder.New(KeyType.Secp256k1), "3") })
        {
            var credential = await VotingKit.IssueAsync(client, voter.Did, Member);
            var jws = VotingKit.DidVote(voter, new JsonObject
            {
                ["proposal"] = proposal,
                ["chainId"] = 31337,
                ["finalizer"] = Finalizer,
                ["voter"] = voter.Did,
                ["choice"] = choice,
                ["timestamp"] = at + 1,
            });
            await CastAsync(client, proposal, new JsonObject { ["jws"] = jws }.ToJsonString(), await VotingKit.PresentAsync(client, Now, voter, credential));
        }

        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await _stack.CloseAsync(client, proposal);
        using var proposalResponse = await client.GetAsync(new Uri("api/voting/proposals/" + proposal, UriKind.Relative));
        var proposalJson = await proposalResponse.Content.ReadAsStringAsync();
        var closed = JsonNode.Parse(proposalJson)!.AsObject();
        Assert.Equal("closed", closed["state"]!.GetValue<string>());
        var proposalFile = Path.Combine(_directory, "proposal.json");
        await File.WriteAllTextAsync(proposalFile, proposalJson);
        var export = await DownloadExportAsync(client, proposal);
        var votesFile = Path.Combine(_directory, "votes.jsonl");
        await File.WriteAllTextAsync(votesFile, export);

        var (code, output, error) = await TallyAsync("--proposal", proposalFile, "--votes", votesFile);

        Assert.Equal(string.Empty, error);
        Assert.Equal(VotingCommands.Ok, code);
        var report = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(closed["resultHash"]!.GetValue<string>(), report["resultHash"]!.GetValue<string>());
        Assert.Equal(closed["votesRoot"]!.GetValue<string>(), report["votesRoot"]!.GetValue<string>());
        Assert.True(report["matches"]!.GetValue<bool>());
        Assert.Equal(9, report["lines"]!.GetValue<int>());
        Assert.Equal(9, report["verified"]!.GetValue<int>());
        Assert.Equal(9, report["counted"]!.GetValue<int>());
        // By hand: wallets 1,4,6 → 1 (wallet 0 moved to 3); wallets 1,2,5 and the Ed25519 DID → 2; wallets 0,3 and the secp256k1 DID → 3.
        Assert.Equal(["2", "4", "3"], report["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(closed["result"]!["totals"]!.ToJsonString(), report["result"]!["totals"]!.ToJsonString());

        // The same export with one line's choice changed by whoever stored it: that line is refused, the audit fails.
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var target = Array.FindIndex(lines, l => l.Contains("\"choice\":\"2\"", StringComparison.Ordinal));
        lines[target] = lines[target].Replace("\"choice\":\"2\"", "\"choice\":\"1\"", StringComparison.Ordinal);
        var forgedFile = Path.Combine(_directory, "forged.jsonl");
        await File.WriteAllTextAsync(forgedFile, string.Join('\n', lines) + "\n");

        var (forgedCode, forgedOutput, _) = await TallyAsync("--proposal", proposalFile, "--votes", forgedFile);

        Assert.Equal(VotingCommands.Failed, forgedCode);
        var forged = JsonNode.Parse(forgedOutput)!.AsObject();
        Assert.Equal(target + 1, forged["refused"]!.AsArray().Single()!["line"]!.GetValue<int>());
        Assert.False(forged["matches"]!.GetValue<bool>());
    }
}
