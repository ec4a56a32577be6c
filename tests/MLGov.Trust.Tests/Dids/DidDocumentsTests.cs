using System.Text.Json.Nodes;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidDocumentsTests
{
    private const string Did = "did:web:example.com";

    [Fact]
    public void Finds_the_did_key_specs_method_under_assertionMethod_and_authentication()
    {
        var document = DidKeyResolver.Resolve(Vectors.DidKeyEd25519).DidDocument!;
        var kid = Vectors.DidKeyEd25519 + "#" + Vectors.DidKeyEd25519["did:key:".Length..];

        foreach (var relationship in new[] { VerificationRelationships.AssertionMethod, VerificationRelationships.Authentication })
        {
            var method = DidDocuments.FindMethod(document, kid, relationship, out var error, out var problem);

            Assert.True(method is not null, problem);
            Assert.Null(error);
            Assert.Equal(kid, method!.Id);
            Assert.Equal("Multikey", method.Type);
            Assert.Equal(Vectors.DidKeyEd25519, method.Controller);
            Assert.True(DidKey.TryParse(Vectors.DidKeyEd25519, out var expected, out _));
            Assert.Equal(expected, method.PublicKey);
        }
    }

    [Fact]
    public void The_key_agreement_key_of_a_did_key_is_not_an_assertion_method()
    {
        var document = DidKeyResolver.Resolve(Vectors.DidKeyWithAgreementA).DidDocument!;

        Assert.Null(DidDocuments.FindMethod(document, Vectors.DidKeyWithAgreementA + "#" + Vectors.DidKeyAgreementA, VerificationRelationships.AssertionMethod, out var error, out _));
        Assert.Equal(VerificationMethodErrors.NotAuthorized, error);
    }

    [Fact]
    public void Relative_ids_and_JWK_methods_resolve_against_the_document_id()
    {
        var key = SigningKey.Generate(KeyType.P256).PublicKey;
        var document = Document(
            Method("#key-1", "JsonWebKey2020", jwk: Jwk.From(key)),
            assertion: ["#key-1"]);

        var method = DidDocuments.FindMethod(document, Did + "#key-1", VerificationRelationships.AssertionMethod, out _, out var problem);

        Assert.True(method is not null, problem);
        Assert.Equal(Did + "#key-1", method!.Id);
        Assert.Equal(key, method.PublicKey);
    }

    [Fact]
    public void A_method_embedded_in_the_relationship_is_found()
    {
        var key = SigningKey.Generate(KeyType.Ed25519).PublicKey;
        var document = new JsonObject
        {
            ["id"] = Did,
            ["assertionMethod"] = new JsonArray(Method(Did + "#embedded", "Multikey", multibase: DidKey.MultibaseValue(key))),
        };

        Assert.Equal(key, DidDocuments.FindMethod(document, Did + "#embedded", VerificationRelationships.AssertionMethod, out _, out _)!.PublicKey);
        Assert.Null(DidDocuments.FindMethod(document, Did + "#embedded", VerificationRelationships.Authentication, out var error, out _));
        Assert.Equal(VerificationMethodErrors.NotFound, error);
    }

    [Theory]
    [InlineData("not a did url", VerificationMethodErrors.InvalidDidUrl)]
    [InlineData("did:web:example.com", VerificationMethodErrors.InvalidDidUrl)]
    [InlineData("did:web:example.com/path#key-1", VerificationMethodErrors.InvalidDidUrl)]
    [InlineData("did:web:evil.example#key-1", VerificationMethodErrors.WrongDid)]
    [InlineData("did:web:example.com#key-9", VerificationMethodErrors.NotFound)]
    [InlineData("did:web:example.com#auth-only", VerificationMethodErrors.NotAuthorized)]
    [InlineData("did:web:example.com#private", VerificationMethodErrors.UnsupportedMethod)]
    [InlineData("did:web:example.com#two-keys", VerificationMethodErrors.UnsupportedMethod)]
    [InlineData("did:web:example.com#wrong-type", VerificationMethodErrors.UnsupportedMethod)]
    [InlineData("did:web:example.com#bad-key", VerificationMethodErrors.UnsupportedMethod)]
    [InlineData("did:web:example.com#recovery", VerificationMethodErrors.UnsupportedMethod)]
    public void Refuses_every_reference_that_does_not_lead_to_an_authorized_usable_key(string kid, string expected)
    {
        var ed = SigningKey.Generate(KeyType.Ed25519).PublicKey;
        var p256 = SigningKey.Generate(KeyType.P256).PublicKey;
        var privateJwk = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Jwk.From(p256)))!.AsObject();
        privateJwk["d"] = "AAAA";
        var document = Document(
            new JsonArray(
                Method("#auth-only", "Multikey", multibase: DidKey.MultibaseValue(ed)),
                Method("#private", "JsonWebKey2020", jwkObject: privateJwk),
                Method("#two-keys", "Multikey", multibase: DidKey.MultibaseValue(ed), jwk: Jwk.From(p256)),
                Method("#wrong-type", "Ed25519VerificationKey2020", multibase: DidKey.MultibaseValue(p256)),
                Method("#bad-key", "Multikey", multibase: "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDoo"),
                new JsonObject { ["id"] = "#recovery", ["type"] = "EcdsaSecp256k1RecoveryMethod2020", ["controller"] = Did, ["blockchainAccountId"] = "eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a" }),
            assertion: ["#private", "#two-keys", "#wrong-type", "#bad-key", "#recovery", "#key-9"],
            authentication: ["#auth-only"]);

        Assert.Null(DidDocuments.FindMethod(document, kid, VerificationRelationships.AssertionMethod, out var error, out var problem));
        Assert.Equal(expected, error);
        Assert.NotNull(problem);
    }

    private static JsonObject Document(JsonObject method, string[] assertion) => Document(new JsonArray(method), assertion, []);

    private static JsonObject Document(JsonArray methods, string[] assertion, string[] authentication) => new()
    {
        ["id"] = Did,
        ["verificationMethod"] = methods,
        ["assertionMethod"] = new JsonArray([.. assertion.Select(a => JsonValue.Create(a))]),
        ["authentication"] = new JsonArray([.. authentication.Select(a => JsonValue.Create(a))]),
    };

    private static JsonObject Method(string id, string type, string? multibase = null, Jwk? jwk = null, JsonObject? jwkObject = null)
    {
        var method = new JsonObject { ["id"] = id, ["type"] = type, ["controller"] = Did };
        if (multibase is not null)
        {
            method["publicKeyMultibase"] = multibase;
        }

        if (jwk is not null)
        {
            method["publicKeyJwk"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(jwk));
        }

        if (jwkObject is not null)
        {
            method["publicKeyJwk"] = jwkObject;
        }

        return method;
    }
}
