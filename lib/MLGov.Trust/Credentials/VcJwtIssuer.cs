using System.Text.Json.Nodes;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Json;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Credentials;

/// <summary>
/// Encodes a <see cref="CredentialDraft"/> as a VC-JWT and signs it. The <c>kid</c> must be a DID URL of the issuer's DID,
/// so a verifier finds the key through the issuer's document; this is checked here so that an issuer cannot mint a
/// credential no verifier would accept.
/// </summary>
public static class VcJwtIssuer
{
    public static string Issue(CredentialDraft draft, SigningKey key, string kid, CredentialFormat format)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (payload, typ) = Prepare(draft, kid, format);
        return JwsSigner.Sign(key, payload, kid, typ);
    }

    /// <summary>
    /// Issues with a key that signs elsewhere (Key Vault, <see cref="IJwsKeySigner"/>); the same checks and encoding as
    /// <see cref="Issue"/>. Signing failures are <see cref="JwsSigningException"/>.
    /// </summary>
    public static async ValueTask<string> IssueAsync(CredentialDraft draft, IJwsKeySigner signer, string kid, CredentialFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var (payload, typ) = Prepare(draft, kid, format);
        return await JwsSigner.SignAsync(signer, payload, kid, typ, cancellationToken).ConfigureAwait(false);
    }

    private static (byte[] Payload, string Typ) Prepare(CredentialDraft draft, string kid, CredentialFormat format)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!Core.Identifiers.Did.IsValid(draft.Issuer))
        {
            throw new ArgumentException("The issuer must be a DID.", nameof(draft));
        }

        if (!DidUrl.TryParseMethodReference(kid, out var url, out var problem) || url!.Did != draft.Issuer)
        {
            throw new ArgumentException(problem ?? "The kid must be a DID URL of the issuer's DID.", nameof(kid));
        }

        var payload = format switch
        {
            CredentialFormat.VcdmV1Jwt => V1Payload(draft),
            CredentialFormat.VcdmV2Jose => V2Payload(draft),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown credential format."),
        };
        var typ = format == CredentialFormat.VcdmV2Jose ? CredentialFormats.VcJwtTyp : "JWT";
        return (System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()), typ);
    }

    /// <summary>The credential a draft describes in VCDM 2.0 form: the VC-JOSE-COSE payload, and the unsigned credential.</summary>
    public static JsonObject V2Payload(CredentialDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var credential = new JsonObject
        {
            ["@context"] = Contexts(CredentialFormats.V2Context, draft.ExtraContexts),
        };
        if (draft.Id is not null)
        {
            credential["id"] = draft.Id;
        }

        credential["type"] = Types(draft.Types);
        credential["issuer"] = draft.Issuer;
        credential["validFrom"] = JsonRead.Format(draft.ValidFrom);
        if (draft.ValidUntil is { } until)
        {
            credential["validUntil"] = JsonRead.Format(until);
        }

        credential["credentialSubject"] = Subject(draft, includeId: true);
        if (draft.Status is not null)
        {
            credential["credentialStatus"] = draft.Status.DeepClone();
        }

        return credential;
    }

    private static JsonObject V1Payload(CredentialDraft draft)
    {
        var vc = new JsonObject
        {
            ["@context"] = Contexts(CredentialFormats.V1Context, draft.ExtraContexts),
            ["type"] = Types(draft.Types),
            // VC-JWT 1.1 §6.3.1: sub carries credentialSubject.id, iss the issuer, nbf the issuance date, jti the id.
            ["credentialSubject"] = Subject(draft, includeId: false),
        };
        if (draft.Status is not null)
        {
            vc["credentialStatus"] = draft.Status.DeepClone();
        }

        var payload = new JsonObject { ["iss"] = draft.Issuer };
        if (draft.SubjectId is not null)
        {
            payload["sub"] = draft.SubjectId;
        }

        payload["nbf"] = draft.ValidFrom.ToUnixTimeSeconds();
        if (draft.ValidUntil is { } until)
        {
            payload["exp"] = until.ToUnixTimeSeconds();
        }

        if (draft.Id is not null)
        {
            payload["jti"] = draft.Id;
        }

        payload["vc"] = vc;
        return payload;
    }

    private static JsonArray Contexts(string first, IReadOnlyList<string>? extra) =>
        new([JsonValue.Create(first), .. (extra ?? []).Select(c => JsonValue.Create(c))]);

    private static JsonArray Types(IReadOnlyList<string> types) =>
        new([JsonValue.Create(CredentialFormats.VerifiableCredential), .. types.Where(t => t != CredentialFormats.VerifiableCredential).Select(t => JsonValue.Create(t))]);

    private static JsonObject Subject(CredentialDraft draft, bool includeId)
    {
        var subject = new JsonObject();
        if (includeId && draft.SubjectId is not null)
        {
            subject["id"] = draft.SubjectId;
        }

        foreach (var (name, value) in draft.Claims)
        {
            if (name != "id")
            {
                subject[name] = value?.DeepClone();
            }
        }

        return subject;
    }
}
