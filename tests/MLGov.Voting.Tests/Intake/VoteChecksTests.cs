using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Shielded;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Spaces;
using MLGov.Voting.Domain.Tally;
using MLGov.Voting.Domain.Votes;

namespace MLGov.Voting.Tests.Intake;

public sealed class VoteChecksTests
{
    private const string Finalizer = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Key = Keccak256.Compute("voter"u8);

    private static SpaceDefinition Space(int keyholders = 0) => new(
        "board",
        "Board",
        ["did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"],
        new ProposerRule(MinimumWeight: "1"),
        new VotingDefaults(Type: "basic"),
        [new JsonObject { ["kind"] = "credential" }],
        31337,
        Finalizer,
        null,
        [.. Enumerable.Range(0, keyholders).Select(i => new Keyholder($"did:key:z6Mkholder{i}", Base64Url.Encode(ThresholdKey.PublicKeyOf(Keccak256.Compute(BitConverter.GetBytes(i))))))]);

    private static ProposalDefinition Terms() =>
        ProposalRules.Plan(Space(), new ProposalRequest("board", "Adopt the audit", 0, Now.AddMinutes(-1)), "0x" + new string('1', 64), "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", Now);

    private static string Served(ProposalDefinition terms, string choice, long timestamp) =>
        new VoteTypedData(terms.ChainId, terms.Finalizer).ToJson(new VoteMessage(Hex.Decode(terms.Id), EthereumSignatures.AddressOf(Key), choice, (ulong)timestamp));

    private static string Sign(string typedData) => Hex.Encode(EthereumSignatures.Sign(TypedDataEncoder.Hash(typedData).Digest, Key));

    private static AcceptedVote Check(ProposalDefinition terms, string typedData, string signature) =>
        VoteChecks.CheckTypedData(terms, JsonDocument.Parse(typedData).RootElement.Clone(), signature, Now);

    [Fact]
    public void A_vote_signed_from_the_served_typed_data_is_accepted_under_its_digest()
    {
        var terms = Terms();
        var typedData = Served(terms, "2", Now.ToUnixTimeSeconds());
        var vote = Check(terms, typedData, Sign(typedData));
        Assert.Equal(EthereumSignatures.AddressOf(Key), vote.Voter);
        Assert.Equal("2", vote.Choice);
        Assert.Equal(Hex.Encode(TypedDataEncoder.Hash(typedData).Digest), vote.Id);
        Assert.Equal(VoteKinds.Eip712, vote.Kind);
    }

    [Fact]
    public void Text_that_is_not_Unicode_is_refused_as_bad_input_not_a_crash()
    {
        var terms = Terms();
        var typedData = Served(terms, "1", Now.ToUnixTimeSeconds()).Replace("\"choice\":\"1\"", "\"choice\":\"\\ud800\"", StringComparison.Ordinal);
        Assert.Contains("\\ud800", typedData, StringComparison.Ordinal);
        var refused = Assert.Throws<ValidationException>(() => Check(terms, typedData, "0x" + new string('0', 130)));
        Assert.Contains("choice", refused.Errors.Keys);

        var payload = Encoding.UTF8.GetBytes("{\"\\udc00\":1}");
        Assert.Throws<ValidationException>(() => VoteChecks.ReadJwsPayload(terms, payload, "a.b.c", Now));
    }

    [Fact]
    public void A_signed_time_outside_the_window_or_ahead_of_the_clock_is_refused()
    {
        var terms = Terms();
        foreach (var timestamp in new[] { terms.Start.ToUnixTimeSeconds() - 1, terms.End.ToUnixTimeSeconds(), Now.AddMinutes(6).ToUnixTimeSeconds() })
        {
            var typedData = Served(terms, "1", timestamp);
            var refused = Assert.Throws<ValidationException>(() => Check(terms, typedData, Sign(typedData)));
            Assert.Contains("timestamp", refused.Errors.Keys);
        }
    }

    [Fact]
    public void A_DID_vote_counts_under_the_DIDs_own_address_or_one_derived_from_the_DID()
    {
        // did:key of secp256k1 private key 1: its Ethereum address is the well-known 0x7E5F…5Bdf.
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", DidVoters.AddressOf("did:key:zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9"));
        var derived = DidVoters.AddressOf("did:web:example.com");
        Assert.Equal(Hex.Encode(Keccak256.Compute("did:web:example.com"u8).AsSpan(12)), derived.ToLowerInvariant());
    }

    [Fact]
    public void Proposal_terms_take_the_space_defaults_and_refuse_what_the_space_cannot_do()
    {
        var terms = Terms();
        Assert.Equal(["For", "Against", "Abstain"], terms.Choices);
        Assert.Equal(terms.Start.AddDays(7), terms.End);
        Assert.Equal("none", terms.Quorum.Kind);

        var refused = Assert.Throws<ValidationException>(() => ProposalRules.Plan(
            Space(),
            new ProposalRequest("board", "", -1, Now.AddHours(-1), Type: "plurality", ShieldedThreshold: 1, Execution: new ExecutionCall("0x12", "0x")),
            "0x" + new string('1', 64),
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            Now));
        foreach (var member in new[] { "title", "snapshot", "start", "type", "shieldedThreshold", "execution.target", "execution.calldata" })
        {
            Assert.Contains(member, refused.Errors.Keys);
        }

        var lowOrder = Assert.Throws<ValidationException>(() => SpaceRules.Validate(Space(keyholders: 1) with { Keyholders = [new Keyholder("did:key:z6Mkholder0", Base64Url.Encode(new byte[32]))] }));
        Assert.Contains("keyholders[0].encryptionKey", lowOrder.Errors.Keys);
        var shielded = ProposalRules.Plan(Space(keyholders: 3), new ProposalRequest("board", "Shielded", 0, Now, ShieldedThreshold: 2), "0x" + new string('2', 64), "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", Now);
        Assert.Equal("Shielded", shielded.Title);
    }

    [Fact]
    public void The_result_hash_is_keccak256_of_the_documents_canonical_JSON()
    {
        var terms = Terms();
        var tally = ProposalResult.Tally(terms, [(EthereumSignatures.AddressOf(Key), "1", "5", Now.ToUnixTimeSeconds(), "0x" + new string('a', 64))]);
        var result = ProposalResult.From(tally);
        var expected = "{\"countedVotes\":1,\"credits\":null,\"outcome\":\"passed\",\"participatingWeight\":\"5\",\"quorumMet\":true,\"rounds\":null,\"supportBase\":\"5\","
            + "\"totals\":[\"5\",\"0\",\"0\"],\"votesRoot\":\"" + result.VotesRoot + "\",\"winners\":[1]}";
        Assert.Equal(expected, result.ToCanonicalJson());
        Assert.Equal(Hex.Encode(Keccak256.Compute(Encoding.UTF8.GetBytes(expected))), result.Hash());
    }
}
