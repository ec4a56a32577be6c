using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Jose;
using MLGov.Trust.Json;

namespace MLGov.Trust.Presentations;

/// <summary>
/// Reads a VP-JWT: <c>vp+jwt</c> with the presentation as payload (VCDM 2.0, credentials enveloped as
/// <c>data:application/vc+jwt,</c> URLs) or <c>JWT</c>/no typ with a <c>vp</c> claim (VCDM 1.1, credentials as JWT
/// strings). A credential's typ or a payload with a <c>vc</c> claim is refused, so a credential is never taken for a
/// presentation.
/// </summary>
internal static class PresentationReader
{
    public const string EnvelopePrefix = "data:application/vc+jwt,";
    public const string EnvelopedType = "EnvelopedVerifiableCredential";

    public static ParsedPresentation? TryRead(CompactJws jws, out VerificationCheck? failure)
    {
        var payload = StrictJson.TryParseObject(jws.Payload, "payload", out var problem);
        if (payload is null)
        {
            failure = Malformed(problem!);
            return null;
        }

        if (payload.ContainsKey("vc"))
        {
            failure = Malformed("A presentation has no vc claim.");
            return null;
        }

        var typ = jws.Typ;
        var v2 = typ is not null && CredentialReader.IsTyp(typ, CredentialFormats.VpJwtTyp);
        if (!v2 && typ is not null && !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase))
        {
            failure = VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.UnexpectedTyp,
                $"typ '{typ}' is not a presentation's (JWT for VCDM 1.1, vp+jwt for VCDM 2.0).");
            return null;
        }

        JsonObject presentation;
        string? holder;
        List<string> credentials = [];
        if (v2)
        {
            presentation = payload;
            if (payload["@context"] is not JsonArray { Count: > 0 } contexts || contexts[0] is not JsonValue first
                || first.GetValueKind() != JsonValueKind.String || first.GetValue<string>() != CredentialFormats.V2Context)
            {
                failure = Malformed($"@context must start with {CredentialFormats.V2Context}.");
                return null;
            }

            holder = payload["holder"] is JsonObject holderObject ? JsonRead.String(holderObject, "id") : JsonRead.String(payload, "holder");
            if (JsonRead.String(payload, "iss") is { } iss && iss != holder)
            {
                failure = Malformed("iss and holder name different holders.");
                return null;
            }
        }
        else
        {
            if (payload["vp"] is not JsonObject vp)
            {
                failure = Malformed("A VCDM 1.1 presentation JWT carries the presentation in a vp claim.");
                return null;
            }

            presentation = vp;
            if (JsonRead.StringOrStrings(vp["@context"]) is not { Count: > 0 } contexts || contexts[0] != CredentialFormats.V1Context)
            {
                failure = Malformed($"vp.@context must start with {CredentialFormats.V1Context}.");
                return null;
            }

            holder = JsonRead.String(payload, "iss");
            if (vp.ContainsKey("holder") && JsonRead.String(vp, "holder") != holder)
            {
                failure = Malformed("iss and vp.holder name different holders.");
                return null;
            }
        }

        if (!Core.Identifiers.Did.IsValid(holder))
        {
            failure = Malformed("The holder must be a DID.");
            return null;
        }

        if (JsonRead.StringOrStrings(presentation["type"]) is not { } types || !types.Contains(CredentialFormats.VerifiablePresentation))
        {
            failure = Malformed("type must include VerifiablePresentation.");
            return null;
        }

        if (presentation["verifiableCredential"] is { } listed)
        {
            IEnumerable<JsonNode?> items = listed is JsonArray array ? array : [listed];
            foreach (var item in items)
            {
                var token = v2
                    ? item is JsonObject envelope && JsonRead.String(envelope, "type") == EnvelopedType
                      && JsonRead.String(envelope, "id") is { } id && id.StartsWith(EnvelopePrefix, StringComparison.Ordinal)
                        ? id[EnvelopePrefix.Length..]
                        : null
                    : item is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
                if (token is null)
                {
                    failure = Malformed(v2
                        ? $"Each verifiableCredential is an {EnvelopedType} whose id is a {EnvelopePrefix} URL."
                        : "Each vp.verifiableCredential is a VC-JWT string.");
                    return null;
                }

                credentials.Add(token);
            }
        }

        var audiences = JsonRead.StringOrStrings(payload["aud"]);
        if (payload.ContainsKey("aud") && audiences is null)
        {
            failure = Malformed("aud is a string or an array of strings.");
            return null;
        }

        if (payload.ContainsKey("nonce") && JsonRead.String(payload, "nonce") is null)
        {
            failure = Malformed("nonce is a string.");
            return null;
        }

        DateTimeOffset? notBefore = null;
        DateTimeOffset? notAfter = null;
        foreach (var name in new[] { "nbf", "exp" })
        {
            if (!payload.TryGetPropertyValue(name, out var node))
            {
                continue;
            }

            if (JsonRead.NumericDate(node) is not { } value)
            {
                failure = Malformed($"{name} is not a NumericDate.");
                return null;
            }

            if (name == "nbf")
            {
                notBefore = value;
            }
            else
            {
                notAfter = value;
            }
        }

        failure = null;
        return new ParsedPresentation(v2 ? CredentialFormat.VcdmV2Jose : CredentialFormat.VcdmV1Jwt, jws, holder!, audiences ?? [],
            JsonRead.String(payload, "nonce"), notBefore, notAfter, credentials);
    }

    private static VerificationCheck Malformed(string detail) =>
        VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.Malformed, detail);
}
