using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Operations.Voting;
using MLGov.Platform.Http;
using MLGov.Trust.Dids;
using MLGov.Trust.Ethereum;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Spaces;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Tests.Cli;

/// <summary>
/// mlgov tally --proposal FILE --votes FILE.jsonl: an export built here as the service writes it (wallet votes signed over
/// the EIP-712 digest, DID votes as compact JWS by did:key keys), audited line by line; every forgery an attacker could
/// slip into an export (changed choice, another signer, a swapped weight, a vote for another proposal, a high-s twin, a
/// JWS whose line says something else, a signature by another key, a vote outside the window) is refused by line and
/// not counted, and the exit code says the audit failed.
/// </summary>
public sealed class TallyAuditCommandTests : IDisposable
{
    private const string Finalizer = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private const string Issuer = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly VotingCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static ProposalDefinition Terms(string id, JsonArray? strategies = null, QuorumSetting? quorum = null) => new(
        id,
        "space-audit",
        "Adopt the audit",
        "Body",
        ["For", "Against", "Abstain"],
        "basic",
        strategies ?? new JsonArray(new JsonObject { ["kind"] = "credential" }),
        0,
        Start,
        Start.AddHours(1),
        quorum ?? new QuorumSetting("absolute", "2"),
        5000,
        new Eligibility("CommunityMemberCredential", [Issuer]),
        false,
        null,
        31337,
        Finalizer,
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        Start.AddMinutes(-5));

    private static string NewProposalId() => Hex.Encode(Keccak256.Compute(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));

    private static JsonObject Line(string proposal, string voter, string? did, string choice, long timestamp, string id, string kind, string proof, string weight = "1") => new()
    {
        ["proposal"] = proposal,
        ["voter"] = voter,
        ["did"] = did,
        ["choice"] = choice,
        ["timestamp"] = timestamp,
        ["id"] = id,
        ["kind"] = kind,
        ["proof"] = proof,
        ["weight"] = weight,
    };

    /// <summary>A wallet's vote as the service exports it: id the EIP-712 digest, proof r ‖ s ‖ v.</summary>
    private static JsonObject WalletVote(ProposalDefinition terms, SigningKey wallet, string choice, long timestamp, string weight = "1")
    {
        var voter = EthereumSignatures.AddressOf(wallet.PrivateKeyBytes);
        var digest = new VoteTypedData(terms.ChainId, terms.Finalizer).Digest(new VoteMessage(terms.IdBytes(), voter, choice, (ulong)timestamp));
        return Line(terms.Id, voter, null, choice, timestamp, Hex.Encode(digest), "eip712", Hex.Encode(EthereumSignatures.Sign(digest, wallet.PrivateKeyBytes)), weight);
    }

    private static string Jws(SigningKey key, string did, JsonObject payload) =>
        JwsSigner.Sign(key, Encoding.UTF8.GetBytes(payload.ToJsonString()), did + "#" + DidKey.MultibaseValue(key.PublicKey));

    private static JsonObject Payload(ProposalDefinition terms, string did, string choice, long timestamp) => new()
    {
        ["proposal"] = terms.Id,
        ["chainId"] = terms.ChainId,
        ["finalizer"] = terms.Finalizer,
        ["voter"] = did,
        ["choice"] = choice,
        ["timestamp"] = timestamp,
    };

    /// <summary>A DID's vote as the service exports it: the compact JWS, its keccak256 as id, counted under the DID's address.</summary>
    private static JsonObject DidVote(ProposalDefinition terms, SigningKey key, string choice, long timestamp)
    {
        var did = DidKey.From(key.PublicKey);
        var jws = Jws(key, did, Payload(terms, did, choice, timestamp));
        return Line(terms.Id, MLGov.Voting.Domain.Votes.DidVoters.AddressOf(did), did, choice, timestamp, Hex.Encode(Keccak256.Compute(Encoding.ASCII.GetBytes(jws))), "jws", jws);
    }

    private static long At(int minutes) => Start.AddMinutes(minutes).ToUnixTimeSeconds();

    /// <summary>The proposal as GET /api/voting/proposals/{id} returns it, with the result the service published for <paramref name="published"/>.</summary>
    private string ProposalFile(ProposalDefinition terms, IEnumerable<JsonObject>? published, string state = "closed")
    {
        ProposalResult? result = published is null ? null : ProposalResult.From(ProposalResult.Tally(terms, published.Select(l => (
            l["voter"]!.GetValue<string>(), l["choice"]!.GetValue<string>(), l["weight"]!.GetValue<string>(), l["timestamp"]!.GetValue<long>(), l["id"]!.GetValue<string>()))));
        var resource = new JsonObject
        {
            ["id"] = terms.Id,
            ["state"] = state,
            ["terms"] = JsonSerializer.SerializeToNode(terms, ApiJson.Options),
            ["result"] = result is null ? null : JsonSerializer.SerializeToNode(result, ApiJson.Options),
            ["resultHash"] = result?.Hash(),
            ["votesRoot"] = result?.VotesRoot,
            ["closedAt"] = result is null ? null : terms.End.ToString("O", CultureInfo.InvariantCulture),
            ["transactions"] = new JsonObject { ["post"] = null, ["finalize"] = null, ["execute"] = null, ["dispute"] = null, ["error"] = null },
        };
        return _cli.File("proposal.json", resource.ToJsonString());
    }

    private string VotesFile(IEnumerable<JsonObject> lines) => _cli.File("votes.jsonl", string.Join("\n", lines.Select(l => l.ToJsonString())) + "\n");

    private static async Task<(int Code, JsonObject Report)> AuditAsync(string proposal, string votes, params string[] more)
    {
        var (code, output, error) = await VotingCli.RunAsync(["tally", "--proposal", proposal, "--votes", votes, .. more]);
        Assert.Equal(string.Empty, error);
        return (code, JsonNode.Parse(output)!.AsObject());
    }

    private static string[] Totals(JsonObject report) => [.. report["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>())];

    private static Dictionary<int, string> Refused(JsonObject report) =>
        report["refused"]!.AsArray().ToDictionary(r => r!["line"]!.GetValue<int>(), r => r!["reason"]!.GetValue<string>());

    private static List<JsonObject> Genuine(ProposalDefinition terms, out SigningKey[] wallets, out SigningKey didKey)
    {
        wallets = [.. Enumerable.Range(0, 3).Select(_ => SigningKey.Generate(KeyType.Secp256k1))];
        didKey = SigningKey.Generate(KeyType.Ed25519);
        return
        [
            WalletVote(terms, wallets[0], "1", At(1)),
            WalletVote(terms, wallets[1], "1", At(2)),
            WalletVote(terms, wallets[2], "2", At(3)),
            DidVote(terms, didKey, "3", At(4)),
        ];
    }

    [Fact]
    public async Task A_genuine_export_verifies_line_by_line_and_reproduces_the_published_result_and_root()
    {
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out _, out _);

        var (code, report) = await AuditAsync(ProposalFile(terms, export), VotesFile(export));

        Assert.Equal(VotingCommands.Ok, code);
        Assert.True(report["matches"]!.GetValue<bool>());
        Assert.Empty(report["refused"]!.AsArray());
        Assert.Equal(4, report["verified"]!.GetValue<int>());
        Assert.Equal(4, report["counted"]!.GetValue<int>());
        Assert.True(report["weightsChecked"]!.GetValue<bool>());
        // By hand: two for, one against, one abstain, weight 1 each; 2 of 3 support (abstain outside the base) passes 50%.
        Assert.Equal(["2", "1", "1"], Totals(report));
        Assert.Equal("passed", report["result"]!["outcome"]!.GetValue<string>());
        Assert.Equal(report["published"]!["resultHash"]!.GetValue<string>(), report["resultHash"]!.GetValue<string>());
        Assert.Equal(report["published"]!["votesRoot"]!.GetValue<string>(), report["votesRoot"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_open_proposal_without_a_result_is_audited_with_matches_null()
    {
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out _, out _);

        var (code, report) = await AuditAsync(ProposalFile(terms, published: null, state: "active"), VotesFile(export));

        Assert.Equal(VotingCommands.Ok, code);
        Assert.Null(report["matches"]);
        Assert.Equal(["2", "1", "1"], Totals(report));
    }

    [Fact]
    public async Task Forged_lines_are_refused_by_line_number_and_not_counted()
    {
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out var wallets, out var didKey);
        var published = export.Select(l => (JsonObject)l.DeepClone()).ToList();
        var other = Terms(NewProposalId());
        var mallory = SigningKey.Generate(KeyType.Secp256k1);

        // Line 1: wallet 0's "for" turned into "against", the id left as it was.
        var changedChoice = (JsonObject)export[0].DeepClone();
        changedChoice["choice"] = "2";
        // Line 2: wallet 1's vote, id rebuilt for the changed choice, but the signature is still over the old one.
        var rehashed = WalletVote(terms, wallets[1], "2", At(2));
        rehashed["proof"] = export[1]["proof"]!.DeepClone();
        // Line 3: wallet 2's vote with its weight raised from 1 to 5.
        var heavier = (JsonObject)export[2].DeepClone();
        heavier["weight"] = "5";
        // Line 4: the DID's JWS kept, the line claiming it chose "1".
        var retold = (JsonObject)export[3].DeepClone();
        retold["choice"] = "1";
        // Line 5: a genuine vote, but for another proposal.
        var elsewhere = WalletVote(other, mallory, "1", At(5));
        // Line 6: Mallory signs a vote and names wallet 0 as its voter (digest and id consistent, signer not the voter).
        var impostor = WalletVote(terms, mallory, "2", At(6));
        var victim = EthereumSignatures.AddressOf(wallets[0].PrivateKeyBytes);
        var digest = new VoteTypedData(terms.ChainId, terms.Finalizer).Digest(new VoteMessage(terms.IdBytes(), victim, "2", (ulong)At(6)));
        impostor["voter"] = victim;
        impostor["id"] = Hex.Encode(digest);
        impostor["proof"] = Hex.Encode(EthereumSignatures.Sign(digest, mallory.PrivateKeyBytes));
        // Line 7: wallet 1's genuine signature in its high-s twin (s' = n - s, v flipped), which recovers the same signer.
        var twin = (JsonObject)export[1].DeepClone();
        twin["proof"] = HighSTwin(export[1]["proof"]!.GetValue<string>());
        // Line 8: a JWS in the DID's name whose kid is the DID's key but signed by another key.
        var did = DidKey.From(didKey.PublicKey);
        var stranger = SigningKey.Generate(KeyType.Ed25519);
        var badJws = JwsSigner.Sign(stranger, Encoding.UTF8.GetBytes(Payload(terms, did, "1", At(7)).ToJsonString()), did + "#" + DidKey.MultibaseValue(didKey.PublicKey));
        var wrongKey = Line(terms.Id, export[3]["voter"]!.GetValue<string>(), did, "1", At(7), Hex.Encode(Keccak256.Compute(Encoding.ASCII.GetBytes(badJws))), "jws", badJws);
        // Line 9: a correctly signed wallet vote dated after the end.
        var late = WalletVote(terms, SigningKey.Generate(KeyType.Secp256k1), "1", Start.AddHours(1).ToUnixTimeSeconds());
        // Line 10: a correctly signed DID vote by a did:web, which cannot be resolved offline.
        var webVote = DidVote(terms, SigningKey.Generate(KeyType.Ed25519), "1", At(8));
        var webJws = Jws(stranger, "did:web:voters.example", Payload(terms, "did:web:voters.example", "1", At(8)));
        webVote["did"] = "did:web:voters.example";
        webVote["voter"] = MLGov.Voting.Domain.Votes.DidVoters.AddressOf("did:web:voters.example");
        webVote["proof"] = webJws;
        webVote["id"] = Hex.Encode(Keccak256.Compute(Encoding.ASCII.GetBytes(webJws)));
        // Line 11: a vote with a choice basic voting does not have, signed and hashed consistently.
        var fourth = WalletVote(terms, SigningKey.Generate(KeyType.Secp256k1), "4", At(9));

        var (code, report) = await AuditAsync(
            ProposalFile(terms, published),
            VotesFile([changedChoice, rehashed, heavier, retold, elsewhere, impostor, twin, wrongKey, late, webVote, fourth]));

        Assert.Equal(VotingCommands.Failed, code);
        var refused = Refused(report);
        Assert.Equal(Enumerable.Range(1, 11), refused.Keys.Order());
        Assert.Contains("not the EIP-712 digest", refused[1], StringComparison.Ordinal);
        Assert.Contains("not by the voter", refused[2], StringComparison.Ordinal);
        Assert.Contains("the weight 5 is not the 1", refused[3], StringComparison.Ordinal);
        Assert.Contains("not what the JWS signs", refused[4], StringComparison.Ordinal);
        Assert.Contains("another proposal", refused[5], StringComparison.Ordinal);
        Assert.Contains($"not by the voter {victim}", refused[6], StringComparison.Ordinal);
        Assert.Contains("does not recover: The signature's s is above half the curve order", refused[7], StringComparison.Ordinal);
        Assert.Contains("does not verify", refused[8], StringComparison.Ordinal);
        Assert.Contains("outside the voting window", refused[9], StringComparison.Ordinal);
        Assert.Contains("did:web cannot be resolved offline", refused[10], StringComparison.Ordinal);
        Assert.Contains("choice is not valid", refused[11], StringComparison.Ordinal);
        Assert.Equal(0, report["verified"]!.GetValue<int>());
        Assert.False(report["matches"]!.GetValue<bool>());
        Assert.Equal(["0", "0", "0"], Totals(report));
    }

    [Fact]
    public async Task One_forged_line_among_genuine_ones_fails_the_audit_and_the_rest_is_counted()
    {
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out _, out _);
        var forged = export.Select(l => (JsonObject)l.DeepClone()).ToList();
        forged[2]["choice"] = "1"; // against → for: the published result (2 for, 1 against) no longer follows

        var (code, report) = await AuditAsync(ProposalFile(terms, export), VotesFile(forged));

        Assert.Equal(VotingCommands.Failed, code);
        Assert.Equal([3], Refused(report).Keys);
        Assert.Equal(["2", "0", "1"], Totals(report));
        Assert.False(report["matches"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_second_genuine_vote_of_the_same_voter_is_refused_as_an_addition()
    {
        // Votes may not change: the voter signed "against" too but the service took only "for". Someone who kept the
        // second signature adds it to the export; it verifies on its own, yet the service never exports two per voter.
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out var wallets, out _);
        var kept = WalletVote(terms, wallets[0], "2", At(0));

        var (code, report) = await AuditAsync(ProposalFile(terms, export), VotesFile([.. export, kept]));

        Assert.Equal(VotingCommands.Failed, code);
        Assert.Contains("has a vote on line 1 already", Refused(report)[5], StringComparison.Ordinal);
        Assert.Equal(["2", "1", "1"], Totals(report));
        Assert.True(report["matches"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_shielded_proposal_is_audited_with_its_revealed_key_as_the_service_tallies_it()
    {
        // The proposal key as it stands after keyholders rebuilt it: the public key ballots were sealed to, the private key revealed.
        var privateKey = RandomNumberGenerator.GetBytes(32);
        var publicKey = Base64Url.Encode(MLGov.Voting.Domain.Shielded.ThresholdKey.PublicKeyOf(privateKey));
        var sealedTerms = Terms(NewProposalId()) with { Shielded = new ShieldedTerms(publicKey, 1, [], []) };
        var terms = sealedTerms with { Shielded = sealedTerms.Shielded! with { RevealedKey = Base64Url.Encode(privateKey) } };
        var otherKey = MLGov.Voting.Domain.Shielded.ThresholdKey.PublicKeyOf(RandomNumberGenerator.GetBytes(32));
        var wallets = Enumerable.Range(0, 4).Select(_ => SigningKey.Generate(KeyType.Secp256k1)).ToArray();
        string Ballot(string choice) => MLGov.Voting.Domain.Shielded.ShieldedBallots.Encrypt(terms.Shielded!, terms.Id, choice);
        var export = new List<JsonObject>
        {
            WalletVote(terms, wallets[0], Ballot("1"), At(1)),
            WalletVote(terms, wallets[1], Ballot("2"), At(2)),
            WalletVote(terms, wallets[2], Ballot("1"), At(3)),
            // Sealed to another key: a well-formed ballot, signed, that does not open; the service leaves it out.
            WalletVote(terms, wallets[3], MLGov.Voting.Domain.Shielded.ShieldedBallots.Encrypt(new ShieldedTerms(Base64Url.Encode(otherKey), 1, [], []), terms.Id, "2"), At(4)),
        };

        var (code, report) = await AuditAsync(ProposalFile(terms, export), VotesFile(export));

        Assert.Equal(VotingCommands.Ok, code);
        Assert.Equal(4, report["verified"]!.GetValue<int>());
        Assert.Equal(3, report["counted"]!.GetValue<int>());
        Assert.Equal(["2", "1", "0"], Totals(report));
        Assert.True(report["matches"]!.GetValue<bool>());

        // A choice in the clear is not a ballot of a shielded proposal; before the key is rebuilt there is nothing to audit.
        var clear = WalletVote(terms, SigningKey.Generate(KeyType.Secp256k1), "1", At(5));
        var (clearCode, clearReport) = await AuditAsync(ProposalFile(terms, export), VotesFile([.. export, clear]));
        Assert.Equal(VotingCommands.Failed, clearCode);
        Assert.Contains("shielded", Refused(clearReport)[5], StringComparison.Ordinal);
        var unopened = _cli.File("sealed.json", new JsonObject { ["terms"] = JsonSerializer.SerializeToNode(sealedTerms, ApiJson.Options) }.ToJsonString());
        await VotingCli.RefusedAsync("not rebuilt its key yet", "tally", "--proposal", unopened, "--votes", VotesFile(export));
    }

    [Fact]
    public async Task A_published_result_that_the_votes_do_not_give_fails_the_audit()
    {
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out _, out _);
        // The service claims the result of only the first three votes; the export carries four genuine ones.
        var (code, report) = await AuditAsync(ProposalFile(terms, export.Take(3)), VotesFile(export));

        Assert.Equal(VotingCommands.Failed, code);
        Assert.Empty(report["refused"]!.AsArray());
        Assert.False(report["matches"]!.GetValue<bool>());
        Assert.NotEqual(report["published"]!["votesRoot"]!.GetValue<string>(), report["votesRoot"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_weight_from_a_strategy_that_needs_the_chain_is_not_checked_and_the_report_says_so()
    {
        var strategies = new JsonArray(new JsonObject { ["kind"] = "credential" }, new JsonObject { ["kind"] = "erc20-balance", ["token"] = Finalizer });
        var terms = Terms(NewProposalId(), strategies);
        var export = new List<JsonObject> { WalletVote(terms, SigningKey.Generate(KeyType.Secp256k1), "1", At(1), weight: "1000001") };

        var (code, report) = await AuditAsync(ProposalFile(terms, export), VotesFile(export));

        Assert.Equal(VotingCommands.Ok, code);
        Assert.False(report["weightsChecked"]!.GetValue<bool>());
        Assert.Equal(["erc20-balance"], report["uncheckedStrategies"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["1000001", "0", "0"], Totals(report));
    }

    [Fact]
    public async Task A_multiplier_sets_the_weight_each_credential_holder_must_have()
    {
        var strategies = new JsonArray(new JsonObject { ["kind"] = "credential", ["multiplier"] = "3" });
        var terms = Terms(NewProposalId(), strategies);
        var wallet = SigningKey.Generate(KeyType.Secp256k1);
        var right = WalletVote(terms, wallet, "1", At(1), weight: "3");
        var wrong = WalletVote(terms, SigningKey.Generate(KeyType.Secp256k1), "2", At(2), weight: "1");

        var (code, report) = await AuditAsync(ProposalFile(terms, [right]), VotesFile([right, wrong]));

        Assert.Equal(VotingCommands.Failed, code);
        Assert.Contains("the weight 1 is not the 3", Refused(report)[2], StringComparison.Ordinal);
        Assert.Equal(["3", "0", "0"], Totals(report));
        Assert.True(report["matches"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Malformed_input_and_usage_are_refused_with_exit_2()
    {
        var terms = Terms(NewProposalId());
        var export = Genuine(terms, out _, out _);
        var proposal = ProposalFile(terms, export);
        var votes = VotesFile(export);
        var notJsonLine = _cli.File("bad.jsonl", export[0].ToJsonString() + "\n{\"proposal\":\n");
        var missingMember = (JsonObject)export[0].DeepClone();
        missingMember.Remove("weight");
        var incomplete = _cli.File("incomplete.jsonl", missingMember.ToJsonString() + "\n");
        var numberWeight = (JsonObject)export[0].DeepClone();
        numberWeight["weight"] = 1;
        var numeric = _cli.File("numeric.jsonl", numberWeight.ToJsonString() + "\n");
        var noTerms = _cli.File("noterms.json", "{\"id\":\"" + terms.Id + "\",\"state\":\"closed\"}");
        var badTerms = _cli.File("badterms.json", "{\"terms\":{\"id\":\"" + terms.Id + "\"}}");
        var basisPoints = Terms(NewProposalId(), quorum: new QuorumSetting("basis-points", "2000"));
        var bpFile = _cli.File("bp.json", new JsonObject { ["terms"] = JsonSerializer.SerializeToNode(basisPoints, ApiJson.Options) }.ToJsonString());
        var mismatchedId = JsonNode.Parse(File.ReadAllText(proposal))!.AsObject();
        mismatchedId["id"] = NewProposalId();
        var otherId = _cli.File("otherid.json", mismatchedId.ToJsonString());

        await VotingCli.RefusedAsync("No such file", "tally", "--proposal", proposal, "--votes", _cli.PathOf("none.jsonl"));
        await VotingCli.RefusedAsync("No such file", "tally", "--proposal", _cli.PathOf("none.json"), "--votes", votes);
        await VotingCli.RefusedAsync("both files are needed", "tally", "--proposal", proposal);
        await VotingCli.RefusedAsync("both files are needed", "tally", "--votes", votes);
        await VotingCli.RefusedAsync("line 2: not valid JSON", "tally", "--proposal", proposal, "--votes", notJsonLine);
        await VotingCli.RefusedAsync("line 1: not an exported vote", "tally", "--proposal", proposal, "--votes", incomplete);
        await VotingCli.RefusedAsync("line 1: not an exported vote", "tally", "--proposal", proposal, "--votes", numeric);
        await VotingCli.RefusedAsync("with its terms", "tally", "--proposal", noTerms, "--votes", votes);
        await VotingCli.RefusedAsync("the proposal does not read", "tally", "--proposal", badTerms, "--votes", votes);
        await VotingCli.RefusedAsync("--total-weight", "tally", "--proposal", bpFile, "--votes", votes);
        await VotingCli.RefusedAsync("is not the terms' id", "tally", "--proposal", otherId, "--votes", votes);
        await VotingCli.RefusedAsync("--total-weight must be a positive whole number", "tally", "--proposal", proposal, "--votes", votes, "--total-weight", "01");
        await VotingCli.RefusedAsync("not both", "tally", "--proposal", proposal, "--votes", votes, "--type", "ranked-choice");
    }

    [Fact]
    public async Task A_quorum_in_basis_points_is_decided_on_the_total_weight_given()
    {
        var terms = Terms(NewProposalId(), quorum: new QuorumSetting("basis-points", "2000"));
        var export = Genuine(terms, out _, out _);
        var file = _cli.File("bp.json", new JsonObject { ["terms"] = JsonSerializer.SerializeToNode(terms, ApiJson.Options) }.ToJsonString());
        var votes = VotesFile(export);

        // 4 of 20 is 20%: met. 4 of 21 is under 20%: not met.
        var (met, metReport) = await AuditAsync(file, votes, "--total-weight", "20");
        var (missed, missedReport) = await AuditAsync(file, votes, "--total-weight", "21");

        Assert.Equal(VotingCommands.Ok, met);
        Assert.True(metReport["result"]!["quorumMet"]!.GetValue<bool>());
        Assert.Equal(VotingCommands.Ok, missed);
        Assert.False(missedReport["result"]!["quorumMet"]!.GetValue<bool>());
        Assert.Equal("quorum-not-met", missedReport["result"]!["outcome"]!.GetValue<string>());
    }

    // s' = n - s flips which of the two points recovers, so v flips too: the same signer, the malleable twin of the signature.
    private static string HighSTwin(string signature)
    {
        var bytes = Hex.Decode(signature);
        var s = new BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var flipped = (Order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var twin = (byte[])bytes.Clone();
        Array.Clear(twin, 32, 32);
        flipped.CopyTo(twin, 64 - flipped.Length);
        twin[64] = (byte)(bytes[64] == 27 ? 28 : 27);
        return Hex.Encode(twin);
    }
}
