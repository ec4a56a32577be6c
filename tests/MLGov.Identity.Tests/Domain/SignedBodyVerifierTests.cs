using System.Text;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Json;
using MLGov.Platform.Identity;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Identity.Tests.Domain;

/// <summary>
/// The signed-body check every app can use: a detached JWS over the RFC 8785 form of the body, by a key of a DID, for
/// one audience and a short time. Signatures here are made independently of the verifier: the JWS is assembled by hand.
/// </summary>
public sealed class SignedBodyVerifierTests
{
    private const string Audience = "urn:mlgov:voting";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static readonly SigningKey Key = SigningKey.Generate(KeyType.Secp256k1);
    private static readonly string Did = DidKey.From(Key.PublicKey);
    private static readonly string Kid = Did + "#" + DidKey.MultibaseValue(Key.PublicKey);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static SignedBodyVerifier Verifier() =>
        new(new DidKeyResolver(), Audience, new PresentationOptions(), new FixedTime(Now));

    /// <summary>header..signature over the canonical body, built by hand.</summary>
    private static string Sign(string body, SigningKey? key = null, string? kid = null, string? audience = Audience, long? iat = null, string alg = "ES256K")
    {
        var header = new JsonObject { ["alg"] = alg, ["kid"] = kid ?? Kid };
        if (audience is not null)
        {
            header["aud"] = audience;
        }

        header["iat"] = iat ?? Now.ToUnixTimeSeconds();
        var protectedHeader = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(CanonicalJson.Canonicalize(body)));
        var signature = (key ?? Key).Sign(Encoding.ASCII.GetBytes(protectedHeader + "." + payload));
        return protectedHeader + ".." + Base64Url.Encode(signature);
    }

    private static Task<string> VerifyAsync(string? signature, string body) =>
        Verifier().VerifyAsync(signature, Encoding.UTF8.GetBytes(body), CancellationToken.None);

    [Fact]
    public async Task A_body_signed_by_the_DID_verifies_even_when_reformatted()
    {
        var signature = Sign("""{"proposal":"p-1","choice":2}""");

        Assert.Equal(Did, await VerifyAsync(signature, """{ "choice" : 2, "proposal" : "p-1" }"""));
    }

    [Fact]
    public async Task Anything_else_is_refused_as_unauthorized()
    {
        const string body = """{"proposal":"p-1","choice":2}""";
        var other = SigningKey.Generate(KeyType.Secp256k1);

        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(null, body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync("a.b.c", body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body), """{"proposal":"p-1","choice":3}"""));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, key: other), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, audience: "urn:mlgov:finance"), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, audience: null), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, iat: Now.AddMinutes(-10).ToUnixTimeSeconds()), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, iat: Now.AddMinutes(10).ToUnixTimeSeconds()), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, alg: "ES256"), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, kid: "did:key:zQ3shNotAKey#x"), body));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(Sign(body, kid: "no-did"), body));
        var none = Base64Url.Encode(Encoding.UTF8.GetBytes($$"""{"alg":"none","kid":"{{Kid}}","aud":"{{Audience}}","iat":{{Now.ToUnixTimeSeconds()}}}"""));
        await Assert.ThrowsAsync<UnauthorizedException>(() => VerifyAsync(none + "..", body));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_validation_problem() =>
        await Assert.ThrowsAsync<ValidationException>(() => VerifyAsync(Sign("{}"), "{not json"));
}
