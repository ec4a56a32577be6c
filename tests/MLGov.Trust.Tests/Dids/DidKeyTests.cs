using MLGov.Trust.Dids;
using MLGov.Trust.Encoding;
using MLGov.Trust.Keys;
using MLGov.Trust.Tests.Keys;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidKeyTests
{
    [Theory]
    [InlineData(Vectors.DidKeyEd25519, KeyType.Ed25519, 32)]
    [InlineData(Vectors.DidKeySecp256k1, KeyType.Secp256k1, 33)]
    [InlineData(Vectors.DidKeyP256, KeyType.P256, 33)]
    public void Parses_the_specs_vectors_and_encodes_them_back(string did, KeyType type, int length)
    {
        Assert.True(DidKey.TryParse(did, out var key, out var problem), problem);

        Assert.Equal(type, key!.Type);
        Assert.Equal(length, key.Bytes.Length);
        Assert.Equal(did, DidKey.From(key));
    }

    [Theory]
    [InlineData(KeyType.Secp256k1, Vectors.Secp256k1SecretMultibase, Vectors.Secp256k1Private, Vectors.Secp256k1PublicMultibase)]
    [InlineData(KeyType.P256, Vectors.P256SecretMultibase, Vectors.P256Private, Vectors.P256PublicMultibase)]
    public void The_public_multibase_of_a_published_secret_key_is_the_published_one(KeyType type, string secret, ulong codec, string expected)
    {
        var key = TestKeys.FromSecretMultibase(type, secret, codec);

        Assert.Equal(expected, DidKey.MultibaseValue(key.PublicKey));
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "did:key:z6Mk")]
    [InlineData(KeyType.Secp256k1, "did:key:zQ3s")]
    [InlineData(KeyType.P256, "did:key:zDn")]
    public void Every_key_of_a_type_starts_with_the_prefix_the_spec_gives(KeyType type, string prefix)
    {
        for (var i = 0; i < 8; i++)
        {
            Assert.StartsWith(prefix, DidKey.From(SigningKey.Generate(type).PublicKey), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("did:key:")]
    [InlineData("did:web:example.com")]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")] // a DID URL
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0")] // '0' is not base58
    [InlineData("did:key:6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")] // no multibase prefix
    [InlineData("did:key:" + Vectors.DidKeyAgreementA)] // an X25519 key: not a signature key type
    public void Refuses_what_is_not_a_did_key_of_a_supported_signature_key(string? did)
    {
        Assert.False(DidKey.TryParse(did, out var key, out var problem));
        Assert.Null(key);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Refuses_keys_of_the_wrong_length_for_their_codec()
    {
        var ed25519Short = "did:key:" + MultibaseBase58Btc.Encode(Multicodec.Prefix(Multicodec.Ed25519Public, new byte[31]));
        var ed25519Long = "did:key:" + MultibaseBase58Btc.Encode(Multicodec.Prefix(Multicodec.Ed25519Public, new byte[33]));
        // The uncompressed form is a valid point but not the form the spec allows in did:key.
        var uncompressed = MLGov.Trust.Jose.Jwk.From(SigningKey.Generate(KeyType.P256).PublicKey);
        byte[] point = [0x04, .. MLGov.Core.Encoding.Base64Url.Decode(uncompressed.X), .. MLGov.Core.Encoding.Base64Url.Decode(uncompressed.Y!)];
        var p256Uncompressed = "did:key:" + MultibaseBase58Btc.Encode(Multicodec.Prefix(Multicodec.P256Public, point));

        Assert.False(DidKey.TryParse(ed25519Short, out _, out _));
        Assert.False(DidKey.TryParse(ed25519Long, out _, out _));
        Assert.False(DidKey.TryParse(p256Uncompressed, out _, out _));
    }

    [Fact]
    public void Refuses_an_unknown_codec_and_bytes_that_are_not_a_point()
    {
        var rsa = "did:key:" + MultibaseBase58Btc.Encode(Multicodec.Prefix(0x1205, new byte[33]));
        byte[] notAPoint = [0x02, .. Enumerable.Repeat((byte)0xff, 32)];
        var secp256k1 = "did:key:" + MultibaseBase58Btc.Encode(Multicodec.Prefix(Multicodec.Secp256k1Public, notAPoint));
        var identity = new byte[32];
        identity[0] = 1;
        var ed25519 = "did:key:" + MultibaseBase58Btc.Encode(Multicodec.Prefix(Multicodec.Ed25519Public, identity));

        Assert.False(DidKey.TryParse(rsa, out _, out _));
        Assert.False(DidKey.TryParse(secp256k1, out _, out _));
        Assert.False(DidKey.TryParse(ed25519, out _, out _));
    }

    [Theory]
    [InlineData(Vectors.DidKeyWithAgreementA, Vectors.DidKeyAgreementA)]
    [InlineData(Vectors.DidKeyWithAgreementB, Vectors.DidKeyAgreementB)]
    public void The_Ed25519_document_has_the_verification_method_relationships_and_key_agreement_the_spec_shows(string did, string agreement)
    {
        Assert.True(DidKey.TryParse(did, out var key, out _));
        var document = DidKey.Document(key!);

        var methodId = did + "#" + did["did:key:".Length..];
        var agreementId = did + "#" + agreement;
        Assert.Equal(["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"], document["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(did, (string)document["id"]!);
        var methods = document["verificationMethod"]!.AsArray();
        Assert.Equal(2, methods.Count);
        Assert.Equal(methodId, (string)methods[0]!["id"]!);
        Assert.Equal("Multikey", (string)methods[0]!["type"]!);
        Assert.Equal(did, (string)methods[0]!["controller"]!);
        Assert.Equal(did["did:key:".Length..], (string)methods[0]!["publicKeyMultibase"]!);
        foreach (var relationship in new[] { "authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation" })
        {
            Assert.Equal([methodId], document[relationship]!.AsArray().Select(m => (string)m!));
        }

        Assert.Equal(agreementId, (string)methods[1]!["id"]!);
        Assert.Equal(agreement, (string)methods[1]!["publicKeyMultibase"]!);
        Assert.Equal([agreementId], document["keyAgreement"]!.AsArray().Select(m => (string)m!));
    }

    [Theory]
    [InlineData(Vectors.DidKeySecp256k1)]
    [InlineData(Vectors.DidKeyP256)]
    public void An_EC_document_has_one_method_and_no_key_agreement(string did)
    {
        Assert.True(DidKey.TryParse(did, out var key, out _));
        var document = DidKey.Document(key!);

        Assert.Single(document["verificationMethod"]!.AsArray());
        Assert.Equal(did + "#" + did["did:key:".Length..], (string)document["assertionMethod"]![0]!);
        Assert.False(document.ContainsKey("keyAgreement"));
    }
}
