using MLGov.Core.Encoding;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Trust.Tests.Keys;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace MLGov.Trust.Tests.Jose;

public sealed class JwsVerifierTests
{
    private static readonly string Rfc8037Jws = Vectors.Rfc8037SigningInput + "." + Vectors.Rfc8037Signature;

    [Fact]
    public void Signing_the_RFC_8037_example_gives_the_RFCs_JWS()
    {
        var jws = JwsSigner.Sign(TestKeys.Rfc8037Ed25519(), System.Text.Encoding.UTF8.GetBytes(Vectors.Rfc8037Payload));

        Assert.Equal(Rfc8037Jws, jws);
    }

    [Fact]
    public void Verifies_the_RFC_8037_example_with_the_RFCs_public_JWK()
    {
        var key = new Jwk("OKP", "Ed25519", Vectors.Rfc8037PublicX).ToPublicKey(out _)!;

        var result = JwsVerifier.Verify(Rfc8037Jws, key);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(Vectors.Rfc8037Payload, System.Text.Encoding.UTF8.GetString(result.Payload!));
        Assert.Equal("EdDSA", (string)result.Header!["alg"]!);
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "EdDSA")]
    [InlineData(KeyType.Secp256k1, "ES256K")]
    [InlineData(KeyType.P256, "ES256")]
    public void Round_trips_each_algorithm_with_raw_64_byte_signatures(KeyType type, string alg)
    {
        var key = SigningKey.Generate(type);

        var jws = JwsSigner.Sign(key, "{\"hello\":\"world\"}"u8, kid: "did:example:1#key-1", typ: "JWT");
        var result = JwsVerifier.Verify(jws, key.PublicKey);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(alg, (string)result.Header!["alg"]!);
        Assert.Equal("did:example:1#key-1", (string)result.Header!["kid"]!);
        Assert.Equal(64, Base64Url.Decode(jws.Split('.')[2]).Length);
    }

    [Theory]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public void The_published_EC_key_pairs_sign_and_verify(KeyType type)
    {
        var key = type == KeyType.Secp256k1
            ? TestKeys.FromSecretMultibase(type, Vectors.Secp256k1SecretMultibase, Vectors.Secp256k1Private)
            : TestKeys.FromSecretMultibase(type, Vectors.P256SecretMultibase, Vectors.P256Private);
        Assert.True(MLGov.Trust.Dids.DidKey.TryParseMultibase(
            type == KeyType.Secp256k1 ? Vectors.Secp256k1PublicMultibase : Vectors.P256PublicMultibase, out var published, out _));

        Assert.True(JwsVerifier.Verify(JwsSigner.Sign(key, "payload"u8), published!).IsValid);
    }

    [Fact]
    public void A_different_key_or_a_changed_payload_does_not_verify()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);
        var jws = JwsSigner.Sign(key, "one"u8);
        var parts = jws.Split('.');
        var tampered = parts[0] + "." + Base64Url.Encode("two"u8) + "." + parts[2];

        Assert.False(JwsVerifier.Verify(jws, SigningKey.Generate(KeyType.Ed25519).PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(tampered, key.PublicKey).IsValid);
    }

    [Theory]
    [InlineData("{\"alg\":\"none\"}")]
    [InlineData("{\"alg\":\"None\"}")]
    [InlineData("{\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"ES256\"}")]
    [InlineData("{\"alg\":\"ES256K\"}")]
    [InlineData("{\"alg\":\"Ed25519\"}")]
    [InlineData("{\"alg\":null}")]
    [InlineData("{\"alg\":[\"EdDSA\"]}")]
    [InlineData("{\"typ\":\"JWT\"}")]
    public void Refuses_none_and_every_alg_that_is_not_the_keys(string header)
    {
        // Signed by the right Ed25519 key, so only the header can be the reason for refusal.
        var key = SigningKey.Generate(KeyType.Ed25519);

        var result = JwsVerifier.Verify(SignWithHeader(key, header, "{}"), key.PublicKey);

        Assert.False(result.IsValid);
        Assert.Contains("alg", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_alg_none_with_an_empty_signature()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);
        var unsecured = Base64Url.Encode("{\"alg\":\"none\"}"u8) + "." + Base64Url.Encode("{}"u8) + ".";

        Assert.False(JwsVerifier.Verify(unsecured, key.PublicKey).IsValid);
    }

    [Theory]
    [InlineData(KeyType.Secp256k1, KeyType.P256)]
    [InlineData(KeyType.P256, KeyType.Secp256k1)]
    [InlineData(KeyType.Ed25519, KeyType.P256)]
    [InlineData(KeyType.P256, KeyType.Ed25519)]
    public void Refuses_a_JWS_whose_alg_is_for_another_key_type(KeyType signedWith, KeyType verifiedWith)
    {
        var jws = JwsSigner.Sign(SigningKey.Generate(signedWith), "{}"u8);

        var result = JwsVerifier.Verify(jws, SigningKey.Generate(verifiedWith).PublicKey);

        Assert.False(result.IsValid);
        Assert.Contains("does not match", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_critical_extensions_duplicate_members_b64_and_a_header_that_is_not_an_object()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);

        Assert.Contains("critical", Problem(key, "{\"alg\":\"EdDSA\",\"crit\":[\"exp\"],\"exp\":1}"), StringComparison.Ordinal);
        Assert.Contains("critical", Problem(key, "{\"alg\":\"EdDSA\",\"crit\":[]}"), StringComparison.Ordinal);
        Assert.Contains("repeats", Problem(key, "{\"alg\":\"EdDSA\",\"alg\":\"none\"}"), StringComparison.Ordinal);
        Assert.Contains("b64", Problem(key, "{\"alg\":\"EdDSA\",\"b64\":false}"), StringComparison.Ordinal);
        Assert.Contains("not a JSON object", Problem(key, "[\"EdDSA\"]"), StringComparison.Ordinal);
        Assert.Contains("not JSON", Problem(key, "{\"alg\":\"EdDSA\""), StringComparison.Ordinal);
        Assert.True(JwsVerifier.Verify(SignWithHeader(key, "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}", "{}"), key.PublicKey).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")] // the JWE compact form
    [InlineData("..")]
    public void Refuses_input_that_is_not_compact_serialization(string jws)
    {
        var key = SigningKey.Generate(KeyType.Ed25519);

        Assert.False(JwsVerifier.Verify(jws, key.PublicKey).IsValid);
    }

    [Fact]
    public void Refuses_malformed_base64url_in_any_part()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);
        var parts = JwsSigner.Sign(key, "{}"u8).Split('.');

        Assert.True(JwsVerifier.Verify(string.Join('.', parts), key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(parts[0] + "=." + parts[1] + "." + parts[2], key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(parts[0] + "." + parts[1] + "=." + parts[2], key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(parts[0] + "." + parts[1] + "." + parts[2].Replace('-', '+').Replace('_', '/') + "+/", key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(parts[0] + "." + parts[1] + " ." + parts[2], key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(parts[0] + "." + parts[1] + "." + parts[2] + "A", key.PublicKey).IsValid);
    }

    [Fact]
    public void Refuses_a_high_s_ES256K_signature_that_is_otherwise_valid()
    {
        var key = SigningKey.Generate(KeyType.Secp256k1);
        var jws = JwsSigner.Sign(key, "{}"u8);

        var highS = WithSComplemented(jws, SecNamedCurves.GetByName("secp256k1").N);

        Assert.True(JwsVerifier.Verify(jws, key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(highS, key.PublicKey).IsValid);
    }

    [Fact]
    public void ES256_keeps_the_JOSE_rule_and_accepts_either_s()
    {
        // RFC 7518 does not require low-s for ES256; the low-s rule is secp256k1's convention only. This shows the
        // high-s test above fails because of that rule, not because complementing s breaks the signature.
        var key = SigningKey.Generate(KeyType.P256);
        var highS = WithSComplemented(JwsSigner.Sign(key, "{}"u8), SecNamedCurves.GetByName("secp256r1").N);

        Assert.True(JwsVerifier.Verify(highS, key.PublicKey).IsValid);
    }

    [Fact]
    public void Refuses_an_ECDSA_signature_that_is_not_64_bytes()
    {
        var key = SigningKey.Generate(KeyType.P256);
        var parts = JwsSigner.Sign(key, "{}"u8).Split('.');
        var signature = Base64Url.Decode(parts[2]);

        Assert.False(JwsVerifier.Verify(parts[0] + "." + parts[1] + "." + Base64Url.Encode(signature.AsSpan(0, 63)), key.PublicKey).IsValid);
        Assert.False(JwsVerifier.Verify(parts[0] + "." + parts[1] + "." + Base64Url.Encode([.. signature, 0]), key.PublicKey).IsValid);
    }

    private static string Problem(SigningKey key, string header) =>
        JwsVerifier.Verify(SignWithHeader(key, header, "{}"), key.PublicKey).Problem ?? "(valid)";

    private static string SignWithHeader(SigningKey key, string header, string payload)
    {
        var input = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(header)) + "." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payload));
        return input + "." + Base64Url.Encode(key.Sign(System.Text.Encoding.ASCII.GetBytes(input)));
    }

    private static string WithSComplemented(string jws, BigInteger n)
    {
        var parts = jws.Split('.');
        var signature = Base64Url.Decode(parts[2]);
        var s = n.Subtract(new BigInteger(1, signature, 32, 32));
        var sBytes = s.ToByteArrayUnsigned();
        var complemented = new byte[64];
        signature.AsSpan(0, 32).CopyTo(complemented);
        sBytes.CopyTo(complemented.AsSpan(64 - sBytes.Length));
        return parts[0] + "." + parts[1] + "." + Base64Url.Encode(complemented);
    }
}
