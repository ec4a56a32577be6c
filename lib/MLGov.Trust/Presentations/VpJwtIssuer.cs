using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Presentations;

/// <summary>
/// Wraps credentials (VC-JWTs) in a presentation signed by the holder: VCDM 1.1 (<c>vp</c> claim beside <c>iss</c>,
/// <c>aud</c>, <c>nonce</c>) or VCDM 2.0 (<c>typ: vp+jwt</c>, enveloped credentials as <c>data:</c> URLs, <c>aud</c> and
/// <c>nonce</c> as claims). What a wallet does; here for tests, tools and the CLI.
/// </summary>
public static class VpJwtIssuer
{
    public static string Issue(
        SigningKey key, string kid, string audience, string nonce, IReadOnlyList<string> credentials, CredentialFormat format,
        DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(credentials);
        if (!DidUrl.TryParseMethodReference(kid, out var url, out var problem))
        {
            throw new ArgumentException(problem, nameof(kid));
        }

        var holder = url!.Did;
        JsonObject payload;
        if (format == CredentialFormat.VcdmV1Jwt)
        {
            payload = new JsonObject
            {
                ["iss"] = holder,
                ["aud"] = audience,
                ["nonce"] = nonce,
                ["iat"] = issuedAt.ToUnixTimeSeconds(),
                ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
                ["vp"] = new JsonObject
                {
                    ["@context"] = new JsonArray(CredentialFormats.V1Context),
                    ["type"] = new JsonArray(CredentialFormats.VerifiablePresentation),
                    ["verifiableCredential"] = new JsonArray([.. credentials.Select(c => JsonValue.Create(c))]),
                },
            };
        }
        else
        {
            payload = new JsonObject
            {
                ["@context"] = new JsonArray(CredentialFormats.V2Context),
                ["type"] = new JsonArray(CredentialFormats.VerifiablePresentation),
                ["holder"] = holder,
                ["verifiableCredential"] = new JsonArray([.. credentials.Select(c => (JsonNode)new JsonObject
                {
                    ["@context"] = new JsonArray(CredentialFormats.V2Context),
                    ["id"] = PresentationReader.EnvelopePrefix + c,
                    ["type"] = PresentationReader.EnvelopedType,
                })]),
                ["aud"] = audience,
                ["nonce"] = nonce,
                ["iat"] = issuedAt.ToUnixTimeSeconds(),
                ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
            };
        }

        var typ = format == CredentialFormat.VcdmV2Jose ? CredentialFormats.VpJwtTyp : "JWT";
        return JwsSigner.Sign(key, System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()), kid, typ);
    }
}
