using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Core.Tests.Identifiers;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("inc-7")]
    [InlineData("7.alert_fingerprint-X")]
    [InlineData("A123456789012345678901234567890123456789012345678901234567890123")]
    public void Resource_ids_of_the_allowed_characters_are_valid(string id) => Assert.True(ResourceId.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData(".hidden")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("back\\slash")]
    [InlineData("hash#")]
    [InlineData("query?")]
    [InlineData("tab\there")]
    [InlineData("inc-7\n")]
    [InlineData("ünïcode")]
    [InlineData("A1234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData(null)]
    public void Resource_ids_with_unsafe_characters_or_over_64_characters_are_invalid(string? id) => Assert.False(ResourceId.IsValid(id));

    [Fact]
    public void Require_names_the_member_in_its_validation_error()
    {
        var error = Assert.Throws<ValidationException>(() => ResourceId.Require("slaId", "bad id"));

        Assert.Equal(ResourceId.Problem("slaId"), Assert.Single(error.Errors["slaId"]));
        Assert.StartsWith("slaId must be 1-64 characters", error.Message, StringComparison.Ordinal);
        ResourceId.Require("slaId", "good-id");
    }

    [Theory]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "key")]
    [InlineData("did:web:example.com", "web")]
    [InlineData("did:web:localhost%3A8443:users:alice", "web")]
    [InlineData("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a", "pkh")]
    [InlineData("did:example:123456789abcdefghi", "example")]
    [InlineData("did:ex4mple::x", "ex4mple")]
    public void Dids_of_the_did_core_syntax_are_valid_and_name_their_method(string did, string method)
    {
        Assert.True(Did.IsValid(did));
        Assert.Equal(method, Did.MethodOf(did));
    }

    [Theory]
    [InlineData("did:")]
    [InlineData("did:web")]
    [InlineData("did:web:")]
    [InlineData("did:web:example.com:")]
    [InlineData("did:Web:example.com")]
    [InlineData("did:web-x:example.com")]
    [InlineData("DID:web:example.com")]
    [InlineData("did:web:example.com/path")]
    [InlineData("did:web:example.com#key-1")]
    [InlineData("did:web:example.com?service=x")]
    [InlineData("did:web:bad%2")]
    [InlineData("did:web:bad%zz")]
    [InlineData("did:web:exa mple")]
    [InlineData("did:web:example.com\n")]
    [InlineData("urn:uuid:1234")]
    [InlineData("")]
    [InlineData(null)]
    public void Strings_outside_the_did_syntax_are_not_dids(string? value)
    {
        Assert.False(Did.IsValid(value));
        Assert.Null(Did.MethodOf(value));
    }

    [Fact]
    public void Dids_longer_than_the_limit_are_refused_and_at_the_limit_accepted()
    {
        var prefix = "did:web:";
        Assert.True(Did.IsValid(prefix + new string('a', Did.MaxLength - prefix.Length)));
        Assert.False(Did.IsValid(prefix + new string('a', Did.MaxLength - prefix.Length + 1)));
    }

    // EIP-55's own test vectors.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    public void Eip55_vectors_are_valid_and_checksum_to_themselves(string address)
    {
        Assert.True(EvmAddress.IsValid(address));
        var digits = address[2..];
        if (digits.Any(char.IsAsciiLetterLower) && digits.Any(char.IsAsciiLetterUpper))
        {
            Assert.Equal(address, EvmAddress.ToChecksum(address.ToLowerInvariant()));
        }
    }

    [Fact]
    public void A_mixed_case_address_with_one_letter_flipped_fails_its_checksum()
    {
        const string good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        var flipped = good.Replace("aA", "AA", StringComparison.Ordinal);

        Assert.False(EvmAddress.IsValid(flipped));
        Assert.True(EvmAddress.IsValid(flipped.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0xg000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_addresses_are_invalid(string? value) => Assert.False(EvmAddress.IsValid(value));

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd")]
    [InlineData("0xg000000000000000000000000000000000000000")]
    public void Checksumming_a_malformed_address_is_a_format_error(string value) =>
        Assert.Throws<FormatException>(() => EvmAddress.ToChecksum(value));

    [Theory]
    [InlineData("USDC", true)]
    [InlineData("EURC", true)]
    [InlineData("X1", true)]
    [InlineData("ABCDEFGHIJKL", true)]
    [InlineData("ABCDEFGHIJKLM", false)]
    [InlineData("U", false)]
    [InlineData("usdc", false)]
    [InlineData("US-DC", false)]
    [InlineData("USDC\n", false)]
    [InlineData(null, false)]
    public void Asset_codes_are_two_to_twelve_upper_case_letters_or_digits(string? code, bool valid) =>
        Assert.Equal(valid, AssetCode.IsValid(code));

    [Fact]
    public void The_checks_record_one_problem_per_invalid_member_and_none_for_valid_ones()
    {
        var errors = new ValidationErrors()
            .ResourceId("id", "ok")
            .ResourceId("badId", "no way")
            .Did("did", "did:web:example.com")
            .Did("badDid", "did:web")
            .EvmAddress("address", "0x27b1fdb04752bbc536007a920d24acb045561c26")
            .EvmAddress("badAddress", "0x27b1")
            .AssetCode("asset", "USDC")
            .AssetCode("badAsset", "usdc");

        Assert.Equal(["badId", "badDid", "badAddress", "badAsset"], errors.Errors.Keys);
        Assert.Equal(ResourceId.Problem("badId"), errors.Errors["badId"][0]);
        Assert.Equal(Did.Problem("badDid"), errors.Errors["badDid"][0]);
        Assert.Equal(EvmAddress.Problem("badAddress"), errors.Errors["badAddress"][0]);
        Assert.Equal(AssetCode.Problem("badAsset"), errors.Errors["badAsset"][0]);
    }
}
