using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Trust.Jose;
using MLGov.Trust.Json;

namespace MLGov.Trust.Credentials;

/// <summary>
/// Reads a VC-JWT's header and payload into a <see cref="ParsedCredential"/>, deciding its format from <c>typ</c> and
/// the payload: <c>vc+jwt</c> with the credential as payload is VCDM 2.0; <c>JWT</c> or no typ with a <c>vc</c> claim is
/// VCDM 1.1. Anything else (a presentation's typ, both forms at once, a required member missing or of the wrong kind)
/// is a <c>format</c> failure, so a token of one kind is never accepted as another.
/// </summary>
internal static class CredentialReader
{
    public static ParsedCredential? TryRead(CompactJws jws, out VerificationCheck? failure)
    {
        var payload = StrictJson.TryParseObject(jws.Payload, "payload", out var problem);
        if (payload is null)
        {
            failure = Malformed(problem!);
            return null;
        }

        var typ = jws.Typ;
        if (typ is not null && IsTyp(typ, CredentialFormats.VcJwtTyp))
        {
            return ReadV2(jws, payload, out failure);
        }

        if (typ is not null && !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase))
        {
            failure = VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.UnexpectedTyp,
                $"typ '{typ}' is not a credential's (JWT for VCDM 1.1, vc+jwt for VCDM 2.0).");
            return null;
        }

        return ReadV1(jws, payload, out failure);
    }

    /// <summary>RFC 7515 §4.1.9: a typ may omit the "application/" prefix; compare both spellings, ignoring case.</summary>
    public static bool IsTyp(string typ, string expected) =>
        typ.Equals(expected, StringComparison.OrdinalIgnoreCase) || typ.Equals("application/" + expected, StringComparison.OrdinalIgnoreCase);

    private static ParsedCredential? ReadV1(CompactJws jws, JsonObject payload, out VerificationCheck? failure)
    {
        if (payload["vc"] is not JsonObject vc || payload.ContainsKey("vp"))
        {
            failure = Malformed("A VCDM 1.1 JWT carries the credential in a vc claim (and no vp claim).");
            return null;
        }

        if (JsonRead.StringOrStrings(vc["@context"]) is not { Count: > 0 } contexts || contexts[0] != CredentialFormats.V1Context)
        {
            failure = Malformed($"vc.@context must start with {CredentialFormats.V1Context}.");
            return null;
        }

        var common = ReadCommon(vc, out failure);
        if (common is null)
        {
            return null;
        }

        var iss = JsonRead.String(payload, "iss");
        if (!Core.Identifiers.Did.IsValid(iss))
        {
            failure = Malformed("iss must be the issuer's DID.");
            return null;
        }

        if (!payload.TryGetPropertyValue("nbf", out var nbfNode) || JsonRead.NumericDate(nbfNode) is not { } nbf)
        {
            failure = Malformed("nbf (the issuance date, a NumericDate) is required.");
            return null;
        }

        DateTimeOffset? exp = null;
        if (payload.TryGetPropertyValue("exp", out var expNode))
        {
            exp = JsonRead.NumericDate(expNode);
            if (exp is null)
            {
                failure = Malformed("exp is not a NumericDate.");
                return null;
            }
        }

        if (!OptionalString(payload, "sub", out var sub) || !OptionalString(payload, "jti", out var jti))
        {
            failure = Malformed("sub and jti, when present, are strings.");
            return null;
        }

        if (sub is not null && common.Value.SubjectId is not null && sub != common.Value.SubjectId)
        {
            failure = Malformed("sub and vc.credentialSubject.id name different subjects.");
            return null;
        }

        if (jti is not null && JsonRead.String(vc, "id") is { } vcId && vcId != jti)
        {
            failure = Malformed("jti and vc.id name different credentials.");
            return null;
        }

        var issuers = new List<string> { iss! };
        if (vc.ContainsKey("issuer"))
        {
            if (IssuerOf(vc) is not { } vcIssuer)
            {
                failure = Malformed("vc.issuer must be a DID or an object whose id is one.");
                return null;
            }

            issuers.Add(vcIssuer);
        }

        failure = null;
        return new ParsedCredential(CredentialFormat.VcdmV1Jwt, jws, vc, iss!, issuers, sub ?? common.Value.SubjectId,
            jti ?? JsonRead.String(vc, "id"), common.Value.Types, nbf, exp, common.Value.Status);
    }

    private static ParsedCredential? ReadV2(CompactJws jws, JsonObject payload, out VerificationCheck? failure)
    {
        if (payload.ContainsKey("vc") || payload.ContainsKey("vp"))
        {
            failure = Malformed("A vc+jwt payload is the credential itself, without a vc or vp claim.");
            return null;
        }

        if (JsonRead.StringOrStrings(payload["@context"]) is not { Count: > 0 } contexts || contexts[0] != CredentialFormats.V2Context)
        {
            // VCDM 2.0 allows objects among later contexts; the first must be the v2 context, a string.
            if (payload["@context"] is not JsonArray array || array.Count == 0 || array[0] is not JsonValue first
                || first.GetValueKind() != JsonValueKind.String || first.GetValue<string>() != CredentialFormats.V2Context)
            {
                failure = Malformed($"@context must start with {CredentialFormats.V2Context}.");
                return null;
            }
        }

        var common = ReadCommon(payload, out failure);
        if (common is null)
        {
            return null;
        }

        if (IssuerOf(payload) is not { } issuer)
        {
            failure = Malformed("issuer must be a DID or an object whose id is one.");
            return null;
        }

        var issuers = new List<string> { issuer };
        if (payload.ContainsKey("iss"))
        {
            if (JsonRead.String(payload, "iss") is not { } iss)
            {
                failure = Malformed("iss, when present, is a string.");
                return null;
            }

            issuers.Add(iss);
        }

        DateTimeOffset? notBefore = null;
        DateTimeOffset? notAfter = null;
        foreach (var (name, isStart) in new[] { ("validFrom", true), ("validUntil", false) })
        {
            if (!payload.ContainsKey(name))
            {
                continue;
            }

            if (JsonRead.DateTimeStamp(JsonRead.String(payload, name)) is not { } value)
            {
                failure = Malformed($"{name} is not a date-time with a time zone.");
                return null;
            }

            if (isStart)
            {
                notBefore = value;
            }
            else
            {
                notAfter = value;
            }
        }

        // JWT claims beside the credential narrow the window further; they never widen it.
        foreach (var (name, isStart) in new[] { ("nbf", true), ("exp", false) })
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

            if (isStart)
            {
                notBefore = notBefore is null || value > notBefore ? value : notBefore;
            }
            else
            {
                notAfter = notAfter is null || value < notAfter ? value : notAfter;
            }
        }

        if (payload.ContainsKey("sub") && JsonRead.String(payload, "sub") != common.Value.SubjectId)
        {
            failure = Malformed("sub and credentialSubject.id name different subjects.");
            return null;
        }

        failure = null;
        return new ParsedCredential(CredentialFormat.VcdmV2Jose, jws, payload, issuer, issuers, common.Value.SubjectId,
            JsonRead.String(payload, "id"), common.Value.Types, notBefore, notAfter, common.Value.Status);
    }

    private static (IReadOnlyList<string> Types, string? SubjectId, IReadOnlyList<JsonNode?> Status)? ReadCommon(JsonObject credential, out VerificationCheck? failure)
    {
        if (JsonRead.StringOrStrings(credential["type"]) is not { } types || !types.Contains(CredentialFormats.VerifiableCredential))
        {
            failure = Malformed("type must be VerifiableCredential or an array of strings that includes it.");
            return null;
        }

        if (credential["credentialSubject"] is not JsonObject subject)
        {
            failure = Malformed("credentialSubject must be an object.");
            return null;
        }

        string? subjectId = null;
        if (subject.ContainsKey("id") && (subjectId = JsonRead.String(subject, "id")) is null)
        {
            failure = Malformed("credentialSubject.id, when present, is a string.");
            return null;
        }

        if (credential.ContainsKey("id") && JsonRead.String(credential, "id") is null)
        {
            failure = Malformed("id, when present, is a string.");
            return null;
        }

        IReadOnlyList<JsonNode?> status = credential["credentialStatus"] switch
        {
            null => [],
            JsonArray array => [.. array],
            var single => [single],
        };
        failure = null;
        return (types, subjectId, status);
    }

    private static string? IssuerOf(JsonObject credential)
    {
        var issuer = credential["issuer"] switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonObject obj => JsonRead.String(obj, "id"),
            _ => null,
        };
        return Core.Identifiers.Did.IsValid(issuer) ? issuer : null;
    }

    private static bool OptionalString(JsonObject payload, string name, out string? value)
    {
        value = JsonRead.String(payload, name);
        return value is not null || !payload.ContainsKey(name);
    }

    private static VerificationCheck Malformed(string detail) =>
        VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.Malformed, detail);
}
