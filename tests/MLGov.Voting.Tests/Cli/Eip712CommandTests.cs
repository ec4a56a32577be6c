using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using MLGov.Core.Hashing;

namespace MLGov.Voting.Tests.Cli;

/// <summary>
/// mlgov eip712 hash, recover and sign against the EIP-712 specification's own example (ethereum/EIPs
/// <c>assets/eip-712/Example.js</c>: the 'Mail' message, key keccak256("cow"), its domain separator, struct hash, digest
/// and signature r, s, v = 28), and every refusal.
/// </summary>
public sealed class Eip712CommandTests : IDisposable
{
    private const string MailTypedData = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    private const string MailDomainSeparator = "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f";
    private const string MailStructHash = "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e";
    private const string MailDigest = "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2";
    private const string CowAddress = "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826";
    private const string MailR = "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d";
    private const string MailS = "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562";
    private const string MailSignature = "0x" + MailR + MailS + "1c"; // v = 28

    /// <summary>The order n of secp256k1's group (SEC 2, section 2.4.1).</summary>
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly VotingCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Mail() => _cli.File("mail.json", MailTypedData);

    private static string CowKey => Convert.ToHexStringLower(Keccak256.Compute("cow"u8));

    [Fact]
    public async Task Hash_prints_the_specification_digest_of_the_Mail_example()
    {
        Assert.Equal(MailDigest, await VotingCli.OkAsync("eip712", "hash", Mail()));
    }

    [Fact]
    public async Task Hash_with_json_prints_the_specification_domain_separator_and_struct_hash()
    {
        var result = JsonNode.Parse(await VotingCli.OkAsync("eip712", "hash", Mail(), "--json"))!;

        Assert.Equal(MailDomainSeparator, (string?)result["domainSeparator"]);
        Assert.Equal(MailStructHash, (string?)result["messageHash"]);
        Assert.Equal(MailDigest, (string?)result["digest"]);
    }

    [Fact]
    public async Task Recover_prints_the_checksummed_address_of_the_cow_key()
    {
        Assert.Equal(CowAddress, await VotingCli.OkAsync("eip712", "recover", Mail(), MailSignature));

        // v given as 1 (the raw recovery id) is the same signature.
        Assert.Equal(CowAddress, await VotingCli.OkAsync("eip712", "recover", Mail(), "0x" + MailR + MailS + "01"));
    }

    [Fact]
    public async Task Recover_of_another_message_gives_another_address()
    {
        var other = _cli.File("other.json", MailTypedData.Replace("Hello, Bob!", "Hello, Eve!", StringComparison.Ordinal));

        var address = await VotingCli.OkAsync("eip712", "recover", other, MailSignature);

        Assert.NotEqual(CowAddress, address, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_with_the_cow_key_gives_the_specification_signature()
    {
        Assert.Equal(MailSignature, await VotingCli.OkAsync("eip712", "sign", Mail(), "--key", CowKey));
        Assert.Equal(MailSignature, await VotingCli.OkAsync("eip712", "sign", Mail(), "--key", "0x" + CowKey.ToUpperInvariant()));
        var keyFile = _cli.File("cow.key", "  0x" + CowKey + "\n");
        Assert.Equal(MailSignature, await VotingCli.OkAsync("eip712", "sign", Mail(), "--key-file", keyFile));
    }

    [Theory]
    [InlineData("{\"types\":", "is not valid JSON")]
    [InlineData("{\"a\":1,\"a\":2}", "is not valid JSON")]
    [InlineData("[1,2]", "The typed data is not a JSON object.")]
    [InlineData("{\"types\":{},\"primaryType\":\"\\ud800\",\"domain\":{},\"message\":{}}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"types\":{},\"primaryType\":\"Mail\",\"domain\":{},\"message\":{}}", "/primaryType")]
    public async Task Hash_refuses_what_is_not_typed_data(string json, string expected)
    {
        var file = _cli.File("bad.json", json);

        var line = await VotingCli.RefusedAsync(expected, "eip712", "hash", file);

        Assert.StartsWith(file, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_refuses_a_member_that_fails_its_type_naming_it_by_pointer()
    {
        // One letter of Bob's checksummed address changed case: a mistyped address.
        var file = _cli.File("typo.json", MailTypedData.Replace("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbb", StringComparison.Ordinal));

        await VotingCli.RefusedAsync("/message/to/wallet: An address value must be an address", "eip712", "hash", file);
    }

    [Fact]
    public async Task Commands_refuse_a_missing_file_and_missing_or_extra_arguments()
    {
        await VotingCli.RefusedAsync("No such file", "eip712", "hash", _cli.PathOf("missing.json"));
        await VotingCli.RefusedAsync("Missing the typed data file", "eip712", "hash");
        await VotingCli.RefusedAsync("Missing the signature", "eip712", "recover", Mail());
        await VotingCli.RefusedAsync("Unexpected argument(s): extra", "eip712", "hash", Mail(), "extra");
        await VotingCli.RefusedAsync("Unexpected argument(s): --nope", "eip712", "recover", Mail(), MailSignature, "--nope");
    }

    [Theory]
    [InlineData("4355c47d", "must be 0x followed by hex digits")]
    [InlineData("0xzz", "must be 0x followed by hex digits")]
    [InlineData("0x123", "must be 0x followed by hex digits")]
    [InlineData("0x" + MailR + MailS, "must be 65 bytes")]
    [InlineData("0x" + MailR + MailS + "1c00", "must be 65 bytes")]
    [InlineData("0x" + MailR + MailS + "1d", "v must be 27, 28, 0 or 1")]
    [InlineData("0x" + "0000000000000000000000000000000000000000000000000000000000000000" + MailS + "1c", "not a valid secp256k1 signature")]
    [InlineData("0x" + "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141" + MailS + "1c", "not a valid secp256k1 signature")]
    public async Task Recover_refuses_a_malformed_signature(string signature, string expected)
    {
        var line = await VotingCli.RefusedAsync(expected, "eip712", "recover", Mail(), signature);

        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_refuses_the_high_s_twin_of_the_specification_signature()
    {
        // Anyone can turn (r, s, v) into (r, n - s, v flipped) without the key; EIP-2 refuses it.
        var s = BigInteger.Parse("0" + MailS, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var twin = (CurveOrder - s).ToString("x64", CultureInfo.InvariantCulture)[^64..];

        await VotingCli.RefusedAsync("Refused signature: The signature's s is above half the curve order", "eip712", "recover", Mail(), "0x" + MailR + twin + "1b");
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "not a secp256k1 private key")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "not a secp256k1 private key")]
    [InlineData("c85ef7d7", "64 hex digits")]
    [InlineData("x85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4", "64 hex digits")]
    public async Task Sign_refuses_what_is_not_a_private_key(string key, string expected)
    {
        await VotingCli.RefusedAsync(expected, "eip712", "sign", Mail(), "--key", key);
    }

    [Fact]
    public async Task Sign_needs_exactly_one_key_source()
    {
        var keyFile = _cli.File("cow.key", CowKey);

        await VotingCli.RefusedAsync("exactly one of --key HEX and --key-file FILE", "eip712", "sign", Mail());
        await VotingCli.RefusedAsync("exactly one of --key HEX and --key-file FILE", "eip712", "sign", Mail(), "--key", CowKey, "--key-file", keyFile);
        await VotingCli.RefusedAsync("No such file", "eip712", "sign", Mail(), "--key-file", _cli.PathOf("none.key"));
    }
}
