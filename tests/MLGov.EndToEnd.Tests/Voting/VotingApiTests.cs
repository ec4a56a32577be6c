using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Merkle;
using MLGov.EndToEnd.Tests.Identity;
using MLGov.Trust.Keys;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Tally;

namespace MLGov.EndToEnd.Tests.Voting;

/// <summary>
/// The voting app over HTTP on the local host: spaces created with an admin's signature, proposals under the space's
/// rule, votes signed by wallets from the served typed data and by DIDs, every refusal a problem that records nothing,
/// the closing timer's tally, the JSON Lines export that reproduces it, and receipts that prove a vote was counted.
/// </summary>
public sealed class VotingApiTests : IClassFixture<VotingStackFixture>
{
    private const string Member = "CommunityMemberCredential";
    private const string Finalizer = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private readonly VotingStackFixture _stack;

    public VotingApiTests(VotingStackFixture stack)
    {
        _stack = stack;
    }

    /// <summary>The voting app's time (the test shifts it past proposals' ends); signatures and presentations are made at it.</summary>
    private DateTimeOffset Now => _stack.Clock.GetUtcNow();

    private static JsonObject Space(string id, string admin, bool votesMayChange = false) => new()
    {
        ["id"] = id,
        ["name"] = "Model review board",
        ["admins"] = new JsonArray(admin),
        ["proposers"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(VotingKit.IssuerDid) },
        ["defaults"] = new JsonObject
        {
            ["type"] = "basic",
            ["votingPeriodSeconds"] = 3600,
            ["votesMayChange"] = votesMayChange,
            ["eligibility"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(VotingKit.IssuerDid) },
        },
        ["strategies"] = new JsonArray(new JsonObject { ["kind"] = "credential" }),
        ["chainId"] = 31337,
        ["finalizer"] = Finalizer,
        ["token"] = null,
        ["keyholders"] = new JsonArray(),
    };

    private async Task<string> CreateSpaceAsync(HttpClient client, Holder admin, bool votesMayChange = false)
    {
        var id = "space-" + Guid.NewGuid().ToString("N")[..10];
        var body = Space(id, admin.Did, votesMayChange).ToJsonString();
        var (status, created) = await VotingKit.PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        return id;
    }

    private async Task<string> CreateProposalAsync(HttpClient client, string space, Holder admin, JsonObject? changes = null)
    {
        var now = _stack.Clock.GetUtcNow();
        var proposal = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Adopt the fairness audit for model v3",
            ["body"] = "The audit report is attached to the asset.",
            ["snapshot"] = 0,
            ["start"] = now.AddSeconds(-10).ToString("O"),
            ["end"] = now.AddMinutes(30).ToString("O"),
        };
        foreach (var (name, value) in changes ?? [])
        {
            proposal[name] = value?.DeepClone();
        }

        var body = proposal.ToJsonString();
        var (status, created) = await VotingKit.PostAsync(client, $"api/voting/spaces/{space}/proposals", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        return created["id"]!.GetValue<string>();
    }

    private static async Task<string> TypedDataAsync(HttpClient client, string proposal, string voter, string choice, long? timestamp = null)
    {
        var query = $"voter={voter}&choice={Uri.EscapeDataString(choice)}" + (timestamp is null ? string.Empty : "&timestamp=" + timestamp.Value.ToString(CultureInfo.InvariantCulture));
        using var response = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/typed-data?{query}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private static string VoteBody(string typedData, string signature) =>
        new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = signature }.ToJsonString();

    private static async Task<(HttpStatusCode Status, JsonObject Body)> CastAsync(HttpClient client, string proposal, string body, string? presentation) =>
        await VotingKit.PostAsync(client, $"api/voting/proposals/{proposal}/votes", body, presentation is null ? [] : [("Authorization", presentation)]);

    private async Task<(HttpStatusCode Status, JsonObject Body)> WalletVoteAsync(HttpClient client, string proposal, Wallet wallet, string choice, string credential, long? timestamp = null)
    {
        var typedData = await TypedDataAsync(client, proposal, wallet.Address, choice, timestamp);
        return await CastAsync(client, proposal, VoteBody(typedData, wallet.SignTypedData(typedData)), await VotingKit.PresentAsync(client, Now, wallet.Holder, credential));
    }

    private static async Task<List<JsonObject>> ExportAsync(HttpClient client, string proposal, int limit = 2)
    {
        var lines = new List<JsonObject>();
        var next = new Uri($"api/voting/proposals/{proposal}/votes?limit={limit}", UriKind.Relative);
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 100, "the export does not end");
            using var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            var page = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.True(page.Count <= limit);
            lines.AddRange(page);
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            next = link is null ? null : new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)].TrimStart('/'), UriKind.Relative);
        }

        return lines;
    }

    [Fact]
    public async Task A_space_is_created_only_with_the_signature_of_one_of_its_admins()
    {
        using var client = _stack.Client();
        var admin = Holder.New(KeyType.Ed25519);
        var outsider = Holder.New(KeyType.Ed25519);
        var id = "space-" + Guid.NewGuid().ToString("N")[..10];
        var body = Space(id, admin.Did).ToJsonString();

        var (unsigned, _) = await VotingKit.PostAsync(client, "api/voting/spaces", body);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned);
        var (byOutsider, _) = await VotingKit.PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(outsider, body, at: Now)));
        Assert.Equal(HttpStatusCode.Forbidden, byOutsider);
        var (otherAudience, _) = await VotingKit.PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(admin, body, audience: "urn:mlgov:finance", at: Now)));
        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience);
        var tampered = Space(id, admin.Did).ToJsonString().Replace("Model review board", "Hijacked board", StringComparison.Ordinal);
        var (edited, _) = await VotingKit.PostAsync(client, "api/voting/spaces", tampered, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.Equal(HttpStatusCode.Unauthorized, edited);
        var invalid = Space(id, admin.Did);
        invalid["finalizer"] = "0x1234";
        invalid["strategies"] = new JsonArray();
        var (bad, problem) = await VotingKit.PostAsync(client, "api/voting/spaces", invalid.ToJsonString(), ("Body-Signature", VotingKit.SignBody(admin, invalid.ToJsonString(), at: Now)));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("finalizer"), problem.ToJsonString());
        Assert.True(problem["errors"]!.AsObject().ContainsKey("strategies"), problem.ToJsonString());
        using (var missing = await client.GetAsync(new Uri("api/voting/spaces/" + id, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var (created, space) = await VotingKit.PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(admin.Did, space["createdBy"]!.GetValue<string>());
        var (again, _) = await VotingKit.PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.Equal(HttpStatusCode.OK, again);
        var other = Space(id, admin.Did);
        other["name"] = "Another board";
        var (taken, _) = await VotingKit.PostAsync(client, "api/voting/spaces", other.ToJsonString(), ("Body-Signature", VotingKit.SignBody(admin, other.ToJsonString(), at: Now)));
        Assert.Equal(HttpStatusCode.Conflict, taken);
        var read = await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/spaces/" + id, UriKind.Relative));
        Assert.Equal("Model review board", read!["space"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_proposal_is_opened_only_by_an_admin_or_a_holder_of_the_proposer_credential()
    {
        using var client = _stack.Client();
        var admin = Holder.New(KeyType.Ed25519);
        var space = await CreateSpaceAsync(client, admin);
        var now = _stack.Clock.GetUtcNow();
        var proposal = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Raise the audit budget",
            ["snapshot"] = 0,
            ["start"] = now.ToString("O"),
        };
        var body = proposal.ToJsonString();
        var path = $"api/voting/spaces/{space}/proposals";

        var (unsigned, _) = await VotingKit.PostAsync(client, path, body);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned);
        var stranger = Holder.New(KeyType.Ed25519);
        var (byStranger, _) = await VotingKit.PostAsync(client, path, body, ("Body-Signature", VotingKit.SignBody(stranger, body, at: Now)));
        Assert.Equal(HttpStatusCode.Forbidden, byStranger);
        var (noCredential, _) = await VotingKit.PostAsync(client, path, body, ("Authorization", await VotingKit.PresentAsync(client, Now, stranger, await VotingKit.IssueAsync(client, stranger.Did, "SomeOtherCredential"))));
        Assert.Equal(HttpStatusCode.Unauthorized, noCredential);
        var invalid = proposal.DeepClone().AsObject();
        invalid["type"] = "single-choice";
        invalid["choices"] = new JsonArray("only one");
        invalid["end"] = now.AddSeconds(-10).ToString("O");
        var (bad, problem) = await VotingKit.PostAsync(client, path, invalid.ToJsonString(), ("Body-Signature", VotingKit.SignBody(admin, invalid.ToJsonString(), at: Now)));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("choices"), problem.ToJsonString());
        Assert.True(problem["errors"]!.AsObject().ContainsKey("end"), problem.ToJsonString());
        var listed = await client.GetFromJsonAsync<JsonObject>(new Uri(path, UriKind.Relative));
        Assert.Empty(listed!["items"]!.AsArray());

        var (byAdmin, opened) = await VotingKit.PostAsync(client, path, body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.Equal(HttpStatusCode.Created, byAdmin);
        Assert.Equal(admin.Did, opened["terms"]!["author"]!.GetValue<string>());
        Assert.Equal(["For", "Against", "Abstain"], opened["terms"]!["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("active", opened["state"]!.GetValue<string>());

        var member = Holder.New(KeyType.Ed25519);
        var credential = await VotingKit.IssueAsync(client, member.Did, Member);
        var (byMember, byMemberBody) = await VotingKit.PostAsync(client, path, body, ("Authorization", await VotingKit.PresentAsync(client, Now, member, credential)));
        Assert.Equal(HttpStatusCode.Created, byMember);
        Assert.Equal(member.Did, byMemberBody["terms"]!["author"]!.GetValue<string>());
        listed = await client.GetFromJsonAsync<JsonObject>(new Uri(path, UriKind.Relative));
        Assert.Equal(2, listed!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Votes_from_wallets_and_DIDs_are_tallied_when_voting_ends_and_each_voter_gets_a_receipt()
    {
        using var client = _stack.Client();
        var admin = Holder.New(KeyType.Ed25519);
        var space = await CreateSpaceAsync(client, admin);
        var proposal = await CreateProposalAsync(client, space, admin);
        var wallets = Enumerable.Range(0, 4).Select(_ => Wallet.New()).ToList();
        string[] choices = ["1", "1", "2", "3"];
        for (var i = 0; i < wallets.Count; i++)
        {
            var credential = await VotingKit.IssueAsync(client, wallets[i].Holder.Did, Member);
            var (status, vote) = await WalletVoteAsync(client, proposal, wallets[i], choices[i], credential);
            Assert.True(status == HttpStatusCode.Created, vote.ToJsonString());
            Assert.Equal(wallets[i].Address, vote["voter"]!.GetValue<string>());
            Assert.Equal("1", vote["weight"]!.GetValue<string>());
        }

        // A DID without an Ethereum key votes with a JWS; it is counted under an address derived from the DID.
        var didVoter = Holder.New(KeyType.Ed25519);
        var didCredential = await VotingKit.IssueAsync(client, didVoter.Did, Member);
        var jws = VotingKit.DidVote(didVoter, new JsonObject
        {
            ["proposal"] = proposal,
            ["chainId"] = 31337,
            ["finalizer"] = Finalizer,
            ["voter"] = didVoter.Did,
            ["choice"] = "1",
            ["timestamp"] = _stack.Clock.GetUtcNow().ToUnixTimeSeconds(),
        });
        var didBody = new JsonObject { ["jws"] = jws }.ToJsonString();
        var (didStatus, didVote) = await CastAsync(client, proposal, didBody, await VotingKit.PresentAsync(client, Now, didVoter, didCredential));
        Assert.True(didStatus == HttpStatusCode.Created, didVote.ToJsonString());
        Assert.Equal(didVoter.Did, didVote["did"]!.GetValue<string>());
        var (again, _) = await CastAsync(client, proposal, didBody, await VotingKit.PresentAsync(client, Now, didVoter, didCredential));
        Assert.Equal(HttpStatusCode.OK, again); // the same vote again changes nothing

        var before = await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + proposal, UriKind.Relative));
        Assert.Null(before!["result"]);
        using (var early = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/receipts/{wallets[0].Address}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await _stack.CloseAsync(client, proposal);
        var closed = (await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + proposal, UriKind.Relative)))!;
        Assert.Equal("closed", closed["state"]!.GetValue<string>());
        var result = closed["result"]!;
        Assert.Equal("passed", result["outcome"]!.GetValue<string>());
        Assert.Equal(["3", "1", "1"], result["totals"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(5, result["countedVotes"]!.GetValue<int>());

        // Anyone redoes the tally from the terms and the export, and gets the same result, hash and root.
        var export = await ExportAsync(client, proposal);
        Assert.Equal(5, export.Count);
        var terms = System.Text.Json.JsonSerializer.Deserialize<ProposalDefinition>(closed["terms"]!.ToJsonString(), MLGov.Platform.Http.ApiJson.Options)!;
        var redone = ProposalResult.From(ProposalResult.Tally(terms, export.Select(l => (
            l["voter"]!.GetValue<string>(), l["choice"]!.GetValue<string>(), l["weight"]!.GetValue<string>(), l["timestamp"]!.GetValue<long>(), l["id"]!.GetValue<string>()))));
        Assert.Equal(closed["resultHash"]!.GetValue<string>(), redone.Hash());
        Assert.Equal(closed["votesRoot"]!.GetValue<string>(), redone.VotesRoot);
        foreach (var line in export.Where(l => l["kind"]!.GetValue<string>() == "eip712"))
        {
            var message = new VoteMessage(Hex.Decode(proposal), line["voter"]!.GetValue<string>(), line["choice"]!.GetValue<string>(), line["timestamp"]!.GetValue<ulong>());
            var digest = new VoteTypedData(31337, Finalizer).Digest(message);
            Assert.Equal(line["voter"]!.GetValue<string>(), MLGov.Trust.Ethereum.EthereumSignatures.RecoverAddress(digest, Hex.Decode(line["proof"]!.GetValue<string>())));
        }

        // A receipt's proof leads from the voter's leaf to the root; it proves no other weight or choice.
        var receipt = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/voting/proposals/{proposal}/receipts/{wallets[2].Address}", UriKind.Relative)))!;
        Assert.Equal(closed["votesRoot"]!.GetValue<string>(), receipt["root"]!.GetValue<string>());
        var proof = receipt["proof"]!.AsArray().Select(p => Hex.Decode(p!.GetValue<string>())).ToList();
        var choiceHash = MLGov.Core.Hashing.Keccak256.Compute(Encoding.UTF8.GetBytes("2"));
        Assert.Equal(Hex.Encode(choiceHash), receipt["choiceHash"]!.GetValue<string>());
        static byte[] Leaf(ProposalVote vote) =>
            MLGov.Core.Hashing.Keccak256.Compute(MLGov.Core.Hashing.Keccak256.Compute(ProposalVoteLeafEncoder.Instance.Encode(vote)));
        var root = Hex.Decode(receipt["root"]!.GetValue<string>());
        Assert.True(MerkleTree.Verify(root, Leaf(new ProposalVote(31337, Finalizer, Hex.Decode(proposal), wallets[2].Address, choiceHash, BigInteger.One)), proof));
        Assert.False(MerkleTree.Verify(root, Leaf(new ProposalVote(31337, Finalizer, Hex.Decode(proposal), wallets[2].Address, choiceHash, 2)), proof));
        Assert.False(MerkleTree.Verify(root, Leaf(new ProposalVote(31337, Finalizer, Hex.Decode(proposal), wallets[2].Address, MLGov.Core.Hashing.Keccak256.Compute("1"u8), BigInteger.One)), proof));
        using var none = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/receipts/{Wallet.New().Address}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Every_refused_vote_is_a_problem_and_records_nothing()
    {
        using var client = _stack.Client();
        var admin = Holder.New(KeyType.Ed25519);
        var space = await CreateSpaceAsync(client, admin);
        var proposal = await CreateProposalAsync(client, space, admin);
        var other = await CreateProposalAsync(client, space, admin);
        var pending = await CreateProposalAsync(client, space, admin, new JsonObject { ["start"] = Now.AddMinutes(10).ToString("O"), ["end"] = Now.AddHours(1).ToString("O") });
        var voter = Wallet.New();
        var credential = await VotingKit.IssueAsync(client, voter.Holder.Did, Member);
        var now = Now.ToUnixTimeSeconds();

        async Task Refused(HttpStatusCode expected, string target, string body, string? presentation, string? member = null)
        {
            var (status, problem) = await CastAsync(client, target, body, presentation);
            Assert.True(status == expected, $"{status}: {problem.ToJsonString()}");
            Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
            if (member is not null)
            {
                Assert.True(problem["errors"]?.AsObject().ContainsKey(member) == true, problem.ToJsonString());
            }
        }

        var typedData = await TypedDataAsync(client, proposal, voter.Address, "1", now);
        var good = VoteBody(typedData, voter.SignTypedData(typedData));

        // Outside the window: not yet open, and (below) after the end.
        var pendingData = await TypedDataAsync(client, pending, voter.Address, "1", now);
        await Refused(HttpStatusCode.Conflict, pending, VoteBody(pendingData, voter.SignTypedData(pendingData)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential));

        // Not eligible: no presentation, another holder's presentation, a presentation of another credential.
        await Refused(HttpStatusCode.Unauthorized, proposal, good, null);
        var stranger = Wallet.New();
        var strangerCredential = await VotingKit.IssueAsync(client, stranger.Holder.Did, Member);
        await Refused(HttpStatusCode.Forbidden, proposal, good, await VotingKit.PresentAsync(client, Now, stranger.Holder, strangerCredential));
        var otherType = await VotingKit.IssueAsync(client, voter.Holder.Did, "SomeOtherCredential");
        await Refused(HttpStatusCode.Unauthorized, proposal, good, await VotingKit.PresentAsync(client, Now, voter.Holder, otherType));

        // Signed for another proposal, another chain, another finalizer.
        var forOther = await TypedDataAsync(client, other, voter.Address, "1", now);
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(forOther, voter.SignTypedData(forOther)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "typedData.message.proposal");
        var otherChain = JsonNode.Parse(typedData)!;
        otherChain["domain"]!["chainId"] = 1;
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(otherChain.ToJsonString(), voter.SignTypedData(otherChain.ToJsonString())), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "typedData.domain.chainId");
        var otherFinalizer = JsonNode.Parse(typedData)!;
        otherFinalizer["domain"]!["verifyingContract"] = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(otherFinalizer.ToJsonString(), voter.SignTypedData(otherFinalizer.ToJsonString())), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "typedData.domain.verifyingContract");

        // The high-s twin of the voter's own valid signature (anyone can compute it without the key).
        var signature = Hex.Decode(voter.SignTypedData(typedData));
        var n = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var twin = (byte[])signature.Clone();
        (n - s).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(twin.AsSpan(32 + 32 - (n - s).GetByteCount(isUnsigned: true)));
        twin[64] = (byte)(signature[64] == 27 ? 28 : 27);
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(typedData, Hex.Encode(twin)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "signature");

        // Signed by someone else; a malformed signature; a choice a basic proposal does not take (the endpoint will not serve it either).
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(typedData, stranger.SignTypedData(typedData)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "signature");
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(typedData, "0x1234"), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "signature");
        using (var notServed = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/typed-data?voter={voter.Address}&choice=4", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notServed.StatusCode);
        }

        var fourth = new VoteTypedData(31337, Finalizer).ToJson(new VoteMessage(Hex.Decode(proposal), voter.Address, "4", (ulong)now));
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(fourth, voter.SignTypedData(fourth)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "choice");
        var spaced = new VoteTypedData(31337, Finalizer).ToJson(new VoteMessage(Hex.Decode(proposal), voter.Address, " 1", (ulong)now));
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(spaced, voter.SignTypedData(spaced)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "choice");

        // Signed for a time before the start.
        var early = await TypedDataAsync(client, proposal, voter.Address, "1", now - 3600);
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(early, voter.SignTypedData(early)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "timestamp");

        // Typed data that is not the served document (an extra member the wallet would show but not sign).
        var extra = JsonNode.Parse(typedData)!;
        extra["message"]!["note"] = "hello";
        await Refused(HttpStatusCode.BadRequest, proposal, VoteBody(extra.ToJsonString(), voter.SignTypedData(typedData)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential), "typedData");

        // A DID vote signed by another DID's key.
        var didVoter = Holder.New(KeyType.Ed25519);
        var impostor = Holder.New(KeyType.Ed25519);
        var didCredential = await VotingKit.IssueAsync(client, didVoter.Did, Member);
        var payload = new JsonObject { ["proposal"] = proposal, ["chainId"] = 31337, ["finalizer"] = Finalizer, ["voter"] = didVoter.Did, ["choice"] = "2", ["timestamp"] = now };
        var byImpostor = new JsonObject { ["jws"] = VotingKit.DidVote(impostor, payload) };
        await Refused(HttpStatusCode.BadRequest, proposal, byImpostor.ToJsonString(), await VotingKit.PresentAsync(client, Now, didVoter, didCredential), "jws");
        var forged = VotingKit.DidVote(didVoter, payload);
        var tamperedPayload = Base64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString().Replace("\"choice\":\"2\"", "\"choice\":\"1\"", StringComparison.Ordinal)));
        var parts = forged.Split('.');
        await Refused(HttpStatusCode.BadRequest, proposal, new JsonObject { ["jws"] = parts[0] + "." + tamperedPayload + "." + parts[2] }.ToJsonString(), await VotingKit.PresentAsync(client, Now, didVoter, didCredential), "jws");

        // Malformed bodies.
        await Refused(HttpStatusCode.BadRequest, proposal, "{\"typedData\":", await VotingKit.PresentAsync(client, Now, voter.Holder, credential));
        await Refused(HttpStatusCode.BadRequest, proposal, "{\"signature\":42}", await VotingKit.PresentAsync(client, Now, voter.Holder, credential));
        await Refused(HttpStatusCode.BadRequest, proposal, "{}", await VotingKit.PresentAsync(client, Now, voter.Holder, credential));
        await Refused(HttpStatusCode.NotFound, "0x" + new string('a', 64), good, await VotingKit.PresentAsync(client, Now, voter.Holder, credential));

        Assert.Empty(await ExportAsync(client, proposal));

        // The good vote counts; a second, different vote is refused (votes may not change here); the same one again is fine.
        var (accepted, _) = await CastAsync(client, proposal, good, await VotingKit.PresentAsync(client, Now, voter.Holder, credential));
        Assert.Equal(HttpStatusCode.Created, accepted);
        var second = await TypedDataAsync(client, proposal, voter.Address, "2", now + 1);
        await Refused(HttpStatusCode.Conflict, proposal, VoteBody(second, voter.SignTypedData(second)), await VotingKit.PresentAsync(client, Now, voter.Holder, credential));
        var (same, _) = await CastAsync(client, proposal, good, await VotingKit.PresentAsync(client, Now, voter.Holder, credential));
        Assert.Equal(HttpStatusCode.OK, same);

        // After the end, nothing is taken.
        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        var late = Wallet.New();
        var lateCredential = await VotingKit.IssueAsync(client, late.Holder.Did, Member);
        var lateData = await TypedDataAsync(client, proposal, late.Address, "1", now);
        await Refused(HttpStatusCode.Conflict, proposal, VoteBody(lateData, late.SignTypedData(lateData)), await VotingKit.PresentAsync(client, Now, late.Holder, lateCredential));

        var export = await ExportAsync(client, proposal);
        var only = Assert.Single(export);
        Assert.Equal("1", only["choice"]!.GetValue<string>());
        Assert.Equal(voter.Address, only["voter"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_votes_may_change_the_latest_signed_vote_counts()
    {
        using var client = _stack.Client();
        var admin = Holder.New(KeyType.Ed25519);
        var space = await CreateSpaceAsync(client, admin, votesMayChange: true);
        var proposal = await CreateProposalAsync(client, space, admin);
        var voter = Wallet.New();
        var credential = await VotingKit.IssueAsync(client, voter.Holder.Did, Member);
        var now = Now.ToUnixTimeSeconds();

        var (first, _) = await WalletVoteAsync(client, proposal, voter, "1", credential, now - 1);
        Assert.Equal(HttpStatusCode.Created, first);
        var (changed, _) = await WalletVoteAsync(client, proposal, voter, "2", credential, now);
        Assert.Equal(HttpStatusCode.Created, changed);
        var (older, problem) = await WalletVoteAsync(client, proposal, voter, "3", credential, now - 1);
        Assert.True(older == HttpStatusCode.Conflict, problem.ToJsonString());

        var only = Assert.Single(await ExportAsync(client, proposal));
        Assert.Equal("2", only["choice"]!.GetValue<string>());
        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await _stack.CloseAsync(client, proposal);
        var closed = (await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + proposal, UriKind.Relative)))!;
        Assert.Equal(["0", "1", "0"], closed["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("rejected", closed["result"]!["outcome"]!.GetValue<string>());
    }
}
