using System.Numerics;
using System.Text;
using MLGov.Core.Encoding;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Tests.Cli;

/// <summary>
/// mlgov vote sign. Wallet mode is checked against an independent signer: forge 1.7.1's cheatcodes
/// <c>vm.eip712HashTypedData</c> (the served JSON, hashed by foundry's own EIP-712 encoder, and equal to the digest
/// written out in Solidity from the type strings) and <c>vm.sign</c> (RFC 6979, low s) with anvil's first development
/// key, whose published address is 0xf39F…2266. DID mode is checked by verifying the JWS against the key's did:key.
/// </summary>
public sealed class VoteSignCommandTests : IDisposable
{
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string AnvilAddress0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private const string AnvilKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private const string AnvilAddress1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string Finalizer = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    // forge: vm.eip712HashTypedData(json) and vm.sign(anvil key 0, digest) for the vote below.
    private const string ForgeDigest = "0xd85884fe9ca613dcbe17e7668fd39b7890a535bcbeca8ec7e4e814529f5931e9";
    private const string ForgeSignature = "0x5ea9e561c87b5f80bc88ca691984f73141e20e80a801c4a518db1e3a34c1456d36f2cd497011d24188e767fc73a8a35d691cfa986013e6fa79e50f03e596d96f1b";

    private readonly VotingCli _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>The typed data exactly as the service serves it (VoteTypedData.ToJson).</summary>
    private string ServedVote(string voter = AnvilAddress0, string choice = "[3,1,2]")
    {
        var proposal = Enumerable.Repeat((byte)1, 32).ToArray();
        var json = new VoteTypedData(31337, Finalizer).ToJson(new VoteMessage(proposal, voter, choice, 1_764_460_800));
        return _cli.File("vote.json", json);
    }

    [Fact]
    public async Task The_served_vote_hashes_and_signs_as_foundry_does()
    {
        var vote = ServedVote();

        Assert.Equal(ForgeDigest, await VotingCli.OkAsync("eip712", "hash", vote));
        Assert.Equal(ForgeSignature, await VotingCli.OkAsync("vote", "sign", "--typed-data", vote, "--key", AnvilKey0));
        var keyFile = _cli.File("voter.key", AnvilKey0[2..] + "\n");
        Assert.Equal(ForgeSignature, await VotingCli.OkAsync("vote", "sign", "--typed-data", vote, "--key-file", keyFile));
    }

    [Fact]
    public async Task The_signature_recovers_the_voter_and_the_service_rules_count_it()
    {
        var vote = ServedVote();
        var signature = await VotingCli.OkAsync("vote", "sign", "--typed-data", vote, "--key", AnvilKey0);

        Assert.Equal(AnvilAddress0, await VotingCli.OkAsync("eip712", "recover", vote, signature));
        var s = Hex.Decode(signature)[32..64];
        Assert.True(s[0] < 0x80, "s is in the lower half of the curve order"); // n/2 starts 0x7fff…

        // The service's own check of exported votes counts it for the voter, with the voter's weight, on choice 3 first.
        var proposal = Enumerable.Repeat((byte)1, 32).ToArray();
        var settings = new TallySettings(proposal, 31337, Finalizer, VotingType.RankedChoice, 3, QuorumRule.None, 0, VotesMayChange: true);
        var message = new VoteMessage(proposal, AnvilAddress0, "[3,1,2]", 1_764_460_800);
        var weights = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase) { [AnvilAddress0] = 7 };
        var tally = SignedVoteTally.Tally(settings, [new SignedVote(message, Hex.Decode(signature))], weights);
        Assert.Empty(tally.Refused);
        Assert.Equal(AnvilAddress0, tally.Result.CountedVotes.Single().Voter, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new BigInteger[] { 0, 0, 7 }, tally.Result.Totals);
    }

    [Fact]
    public async Task A_key_that_is_not_the_voter_does_not_sign()
    {
        var vote = ServedVote();

        await VotingCli.RefusedAsync($"the vote's voter is {AnvilAddress0}, but the key's address is {AnvilAddress1}", "vote", "sign", "--typed-data", vote, "--key", AnvilKey1);
    }

    [Fact]
    public async Task Typed_data_that_is_not_an_MLGov_vote_is_not_signed_as_one()
    {
        var vote = File.ReadAllText(ServedVote());
        var mail = _cli.File("other.json", vote.Replace("\"primaryType\":\"Vote\"", "\"primaryType\":\"EIP712Domain\"", StringComparison.Ordinal));
        var renamed = _cli.File("renamed.json", vote.Replace("MLGov Voting", "MLGov Votinq", StringComparison.Ordinal));
        var extraType = _cli.File("extra.json", vote.Replace("{\"name\":\"timestamp\",\"type\":\"uint64\"}", "{\"name\":\"timestamp\",\"type\":\"uint256\"}", StringComparison.Ordinal));

        await VotingCli.RefusedAsync("the primaryType must be Vote", "vote", "sign", "--typed-data", mail, "--key", AnvilKey0);
        await VotingCli.RefusedAsync("the domain must be \"MLGov Voting\"", "vote", "sign", "--typed-data", renamed, "--key", AnvilKey0);
        await VotingCli.RefusedAsync("the Vote type must be Vote(bytes32 proposal,address voter,string choice,uint64 timestamp)", "vote", "sign", "--typed-data", extraType, "--key", AnvilKey0);
    }

    [Fact]
    public async Task Wallet_mode_refuses_bad_typed_data_and_missing_parts()
    {
        var broken = _cli.File("broken.json", "{\"types\":");

        await VotingCli.RefusedAsync("is not valid JSON", "vote", "sign", "--typed-data", broken, "--key", AnvilKey0);
        await VotingCli.RefusedAsync("Missing --typed-data FILE", "vote", "sign", "--key", AnvilKey0);
        await VotingCli.RefusedAsync("exactly one of --key HEX and --key-file FILE", "vote", "sign", "--typed-data", ServedVote());
        await VotingCli.RefusedAsync("Use either --typed-data FILE", "vote", "sign");
        await VotingCli.RefusedAsync("Use either --typed-data FILE", "vote", "sign", "--typed-data", ServedVote(), "--key", AnvilKey0, "--jwk", "key.jwk");
        await VotingCli.RefusedAsync("Unexpected argument(s): now", "vote", "sign", "--typed-data", ServedVote(), "--key", AnvilKey0, "now");
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    public async Task DID_mode_signs_the_canonical_payload_as_a_JWS_that_verifies_against_the_did_key(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var jwk = _cli.File("voter.jwk", PrivateJwk.Write(key));
        var payload = _cli.File("payload.json", "{ \"proposal\": \"p-1\",\n  \"choice\": \"[3,1,2]\", \"a\": 1.50 }\n");

        var jws = await VotingCli.OkAsync("vote", "sign", "--payload", payload, "--jwk", jwk);

        var parsed = CompactJws.TryParse(jws, out var problem);
        Assert.Null(problem);
        var did = DidKey.From(key.PublicKey);
        Assert.Equal($"{did}#{did["did:key:".Length..]}", parsed!.Kid);
        // RFC 8785: members sorted by code unit, no whitespace, 1.50 written as 1.5.
        Assert.Equal("{\"a\":1.5,\"choice\":\"[3,1,2]\",\"proposal\":\"p-1\"}", Encoding.UTF8.GetString(parsed.Payload));
        var check = await DidJwsVerifier.VerifyAsync(MethodDidResolver.Local(), parsed, "assertionMethod");
        Assert.Equal(CheckOutcome.Passed, check.Outcome);
    }

    [Fact]
    public async Task DID_mode_refuses_a_bad_key_or_payload()
    {
        var jwk = _cli.File("voter.jwk", PrivateJwk.Write(SigningKey.Generate(KeyType.Ed25519)));
        var payload = _cli.File("payload.json", "{\"choice\":\"1\"}");
        var notObject = _cli.File("list.json", "[1]");
        var notJson = _cli.File("text.json", "choice=1");
        var notJwk = _cli.File("bad.jwk", "{\"kty\":\"OKP\"}");

        await VotingCli.RefusedAsync("the payload must be a JSON object", "vote", "sign", "--payload", notObject, "--jwk", jwk);
        await VotingCli.RefusedAsync("is not valid JSON", "vote", "sign", "--payload", notJson, "--jwk", jwk);
        await VotingCli.RefusedAsync("bad.jwk", "vote", "sign", "--payload", payload, "--jwk", notJwk);
        await VotingCli.RefusedAsync("No such file", "vote", "sign", "--payload", payload, "--jwk", _cli.PathOf("none.jwk"));
        await VotingCli.RefusedAsync("needs both --payload FILE and --jwk FILE", "vote", "sign", "--payload", payload);
    }
}
