using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Trust.Ethereum;

namespace MLGov.Trust.Tests.Ethereum;

public sealed class TypedDataEncoderTests
{
    [Fact]
    public void The_EIP712_Mail_example_gives_the_specifications_type_encoding_and_hashes()
    {
        using var document = JsonDocument.Parse(Eip712Vectors.MailTypedData);
        var types = TypedDataEncoder.ParseTypes(document.RootElement.GetProperty("types"));

        Assert.Equal(Eip712Vectors.MailEncodeType, TypedDataEncoder.EncodeType(types, "Mail"));
        Assert.Equal(Eip712Vectors.MailTypeHash, Hex.Encode(TypedDataEncoder.TypeHash(types, "Mail")));

        var hashes = TypedDataEncoder.Hash(Eip712Vectors.MailTypedData);
        Assert.Equal(Eip712Vectors.MailStructHash, Hex.Encode(hashes.MessageHash!));
        Assert.Equal(Eip712Vectors.MailDomainSeparator, Hex.Encode(hashes.DomainSeparator));
        Assert.Equal(Eip712Vectors.MailDigest, Hex.Encode(hashes.Digest));
    }

    [Fact]
    public void The_earlier_Mail_example_with_an_http_origin_in_the_domain_gives_its_digest()
    {
        Assert.Equal(Eip712Vectors.MailWithOriginDigest, Hex.Encode(TypedDataEncoder.Hash(Eip712Vectors.MailWithOriginTypedData).Digest));
    }

    [Fact]
    public void Arrays_of_structs_and_addresses_hash_as_MetaMask_V4_does()
    {
        var hashes = TypedDataEncoder.Hash(Eip712Vectors.ArraysTypedData);

        Assert.Equal(Eip712Vectors.MailDomainSeparator, Hex.Encode(hashes.DomainSeparator));
        Assert.Equal(Eip712Vectors.ArraysStructHash, Hex.Encode(hashes.MessageHash!));
        Assert.Equal(Eip712Vectors.ArraysDigest, Hex.Encode(hashes.Digest));
    }

    [Fact]
    public void Integers_may_be_JSON_numbers_decimal_strings_or_hex_strings_with_the_same_hash()
    {
        var asNumber = TypedDataEncoder.Hash(Eip712Vectors.MailTypedData).Digest;
        var asDecimal = TypedDataEncoder.Hash(Eip712Vectors.MailTypedData.Replace("\"chainId\": 1,", "\"chainId\": \"1\",", StringComparison.Ordinal)).Digest;
        var asHex = TypedDataEncoder.Hash(Eip712Vectors.MailTypedData.Replace("\"chainId\": 1,", "\"chainId\": \"0x01\",", StringComparison.Ordinal)).Digest;

        Assert.Equal(asNumber, asDecimal);
        Assert.Equal(asNumber, asHex);
    }

    [Fact]
    public void The_primary_type_EIP712Domain_signs_the_domain_alone()
    {
        var json = Eip712Vectors.MailTypedData.Replace("\"primaryType\": \"Mail\"", "\"primaryType\": \"EIP712Domain\"", StringComparison.Ordinal);

        var hashes = TypedDataEncoder.Hash(json);

        Assert.Null(hashes.MessageHash);
        var expected = MLGov.Core.Hashing.Keccak256.Compute([0x19, 0x01, .. Hex.Decode(Eip712Vectors.MailDomainSeparator)]);
        Assert.Equal(expected, hashes.Digest);
    }

    [Fact]
    public void A_negative_int_is_written_in_twos_complement()
    {
        // abi.encode(int8(-1)) is 32 bytes of 0xff; the struct T(int8 x) hashes keccak256(typeHash("T(int8 x)") ‖ 0xff…ff).
        const string json = """
            {"types":{"EIP712Domain":[],"T":[{"name":"x","type":"int8"}]},"primaryType":"T","domain":{},"message":{"x":-1}}
            """;
        var typeHash = MLGov.Core.Hashing.Keccak256.Compute("T(int8 x)"u8);
        var expected = MLGov.Core.Hashing.Keccak256.Compute([.. typeHash, .. Enumerable.Repeat((byte)0xff, 32)]);

        Assert.Equal(expected, TypedDataEncoder.Hash(json).MessageHash);
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "not JSON", "{", "" },
        { "no EIP712Domain type", """{"types":{"T":[]},"primaryType":"T","domain":{},"message":{}}""", "/types" },
        { "unknown primary type", """{"types":{"EIP712Domain":[]},"primaryType":"X","domain":{},"message":{}}""", "/primaryType" },
        { "undeclared member type", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"Widget"}]},"primaryType":"T","domain":{},"message":{"a":1}}""", "/types/T/0" },
        { "member declared twice", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint8"},{"name":"a","type":"uint8"}]},"primaryType":"T","domain":{},"message":{"a":1}}""", "/types/T/1" },
        { "missing member", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint8"}]},"primaryType":"T","domain":{},"message":{}}""", "/message/a" },
        { "extra member", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint8"}]},"primaryType":"T","domain":{},"message":{"a":1,"b":2}}""", "/message/b" },
        { "uint8 overflow", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint8"}]},"primaryType":"T","domain":{},"message":{"a":256}}""", "/message/a" },
        { "negative uint", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint256"}]},"primaryType":"T","domain":{},"message":{"a":"-1"}}""", "/message/a" },
        { "fraction", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint256"}]},"primaryType":"T","domain":{},"message":{"a":1.5}}""", "/message/a" },
        { "short bytes4", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"bytes4"}]},"primaryType":"T","domain":{},"message":{"a":"0x0102"}}""", "/message/a" },
        { "bad address", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"address"}]},"primaryType":"T","domain":{},"message":{"a":"0x1234"}}""", "/message/a" },
        { "bad checksum", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"address"}]},"primaryType":"T","domain":{},"message":{"a":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827"}}""", "/message/a" },
        { "fixed array length", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint8[2]"}]},"primaryType":"T","domain":{},"message":{"a":[1]}}""", "/message/a" },
        { "bool as string", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"bool"}]},"primaryType":"T","domain":{},"message":{"a":"true"}}""", "/message/a" },
        { "uint7", """{"types":{"EIP712Domain":[],"T":[{"name":"a","type":"uint7"}]},"primaryType":"T","domain":{},"message":{"a":1}}""", "/types/T/0" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Malformed_typed_data_is_refused_naming_the_member(string why, string json, string member)
    {
        var error = Assert.Throws<ValidationException>(() => TypedDataEncoder.Hash(json));

        Assert.True(error.Errors.ContainsKey(member), $"{why}: expected a problem at '{member}', got {string.Join(", ", error.Errors.Keys)}");
    }
}
