using System.Text.Json.Nodes;
using MLGov.Trust.Jose;

namespace MLGov.Trust.Dids;

/// <summary>
/// Dereferences a verification method reference (a DID URL with a fragment, as a JWS <c>kid</c> carries it) in a resolved
/// DID document, and checks that the document lists it under a verification relationship. Ids in the document may be
/// absolute DID URLs or relative (<c>#key-1</c>, DID Core §3.2.2); both are compared in absolute form.
/// </summary>
public static class DidDocuments
{
    /// <summary>
    /// The method <paramref name="reference"/> names, when it is a method of <paramref name="document"/> (listed in
    /// <c>verificationMethod</c> or embedded in the relationship) and <paramref name="relationship"/> lists it.
    /// Otherwise null, with an error from <see cref="VerificationMethodErrors"/> and a reason.
    /// </summary>
    public static VerificationMethod? FindMethod(JsonObject document, string? reference, string relationship, out string? error, out string? problem) =>
        FindMethod(document, reference, relationship, null, out error, out problem);

    /// <summary>As above, on a resolution result: a key the resolver already parsed and validated is taken as it is.</summary>
    public static VerificationMethod? FindMethod(DidResolutionResult resolution, string? reference, string relationship, out string? error, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        if (resolution.DidDocument is null)
        {
            throw new ArgumentException("The resolution has no document.", nameof(resolution));
        }

        return FindMethod(resolution.DidDocument, reference, relationship, resolution.KnownKeys, out error, out problem);
    }

    private static VerificationMethod? FindMethod(
        JsonObject document, string? reference, string relationship, IReadOnlyDictionary<string, Keys.PublicKey>? knownKeys, out string? error, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(relationship);
        if (!DidUrl.TryParseMethodReference(reference, out var url, out problem))
        {
            error = VerificationMethodErrors.InvalidDidUrl;
            return null;
        }

        var documentId = String(document, "id");
        if (documentId is null || url!.Did != documentId)
        {
            error = VerificationMethodErrors.WrongDid;
            problem = $"The reference names {url!.Did}, not the document's DID.";
            return null;
        }

        var absolute = url.ToString();
        JsonObject? method = null;
        var listed = false;
        if (document[relationship] is JsonArray entries)
        {
            foreach (var entry in entries)
            {
                if (entry is JsonValue value && value.TryGetValue<string>(out var id) && Absolute(id, documentId) == absolute)
                {
                    listed = true;
                }
                else if (entry is JsonObject embedded && Absolute(String(embedded, "id"), documentId) == absolute)
                {
                    listed = true;
                    method = embedded;
                }
            }
        }

        if (method is null && document["verificationMethod"] is JsonArray methods)
        {
            foreach (var candidate in methods)
            {
                if (candidate is JsonObject m && Absolute(String(m, "id"), documentId) == absolute)
                {
                    method = m;
                    break;
                }
            }
        }

        if (method is null)
        {
            error = VerificationMethodErrors.NotFound;
            problem = $"The document has no verification method {absolute}.";
            return null;
        }

        if (!listed)
        {
            error = VerificationMethodErrors.NotAuthorized;
            problem = $"{absolute} is not listed under {relationship}.";
            return null;
        }

        problem = null;
        var key = knownKeys is not null && knownKeys.TryGetValue(absolute, out var known) ? known : KeyOf(method, out problem);
        if (key is null)
        {
            error = VerificationMethodErrors.UnsupportedMethod;
            return null;
        }

        error = null;
        return new VerificationMethod(absolute, String(method, "type")!, Absolute(String(method, "controller"), documentId) ?? documentId, key);
    }

    /// <summary>
    /// The public key of a method: a <c>publicKeyMultibase</c> (Multikey, Ed25519VerificationKey2020) or a
    /// <c>publicKeyJwk</c> (JsonWebKey2020, JsonWebKey, EcdsaSecp256k1VerificationKey2019), never both and never a JWK
    /// with private parts. Methods without a public key (the recovery methods of did:pkh) are unsupported here.
    /// </summary>
    private static Keys.PublicKey? KeyOf(JsonObject method, out string? problem)
    {
        var type = String(method, "type");
        var multibase = method["publicKeyMultibase"];
        var jwk = method["publicKeyJwk"];
        if (type is null)
        {
            problem = "The verification method has no type.";
            return null;
        }

        if (multibase is not null && jwk is not null)
        {
            problem = "The verification method carries two keys (publicKeyMultibase and publicKeyJwk).";
            return null;
        }

        if (type is "Multikey" or "Ed25519VerificationKey2020" && multibase is JsonValue mb && mb.TryGetValue<string>(out var text))
        {
            if (!DidKey.TryParseMultibase(text, out var key, out problem))
            {
                return null;
            }

            if (type == "Ed25519VerificationKey2020" && key!.Type != Keys.KeyType.Ed25519)
            {
                problem = "An Ed25519VerificationKey2020 must hold an Ed25519 key.";
                return null;
            }

            return key;
        }

        if (type is "JsonWebKey2020" or "JsonWebKey" or "EcdsaSecp256k1VerificationKey2019" && jwk is JsonObject jwkObject)
        {
            if (jwkObject.ContainsKey("d"))
            {
                problem = "The publicKeyJwk contains private key material.";
                return null;
            }

            if (!Jwk.TryParse(jwkObject.ToJsonString(), out var parsed))
            {
                problem = "The publicKeyJwk is not a JWK with string kty, crv and x.";
                return null;
            }

            var key = parsed!.ToPublicKey(out problem);
            if (key is not null && type == "EcdsaSecp256k1VerificationKey2019" && key.Type != Keys.KeyType.Secp256k1)
            {
                problem = "An EcdsaSecp256k1VerificationKey2019 must hold a secp256k1 key.";
                return null;
            }

            return key;
        }

        problem = $"A verification method of type {type} with this key material cannot be used to verify a JWS here.";
        return null;
    }

    private static string? Absolute(string? id, string documentId) =>
        id is null ? null : id.StartsWith('#') ? documentId + id : id;

    private static string? String(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
