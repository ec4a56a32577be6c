using MLGov.Core.Identifiers;

namespace MLGov.Trust.Dids;

/// <summary>Resolves did:key locally: the document is derived from the DID itself, so there is nothing to fetch.</summary>
public sealed class DidKeyResolver : IDidResolver
{
    // The relationships the document lists its one signing method under (DidKey.Document).
    private static readonly HashSet<string> SigningRelationships = new(StringComparer.Ordinal)
    {
        "authentication",
        "assertionMethod",
        "capabilityInvocation",
        "capabilityDelegation",
    };

    public ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Resolve(did));

    public static DidResolutionResult Resolve(string? did)
    {
        var method = Did.MethodOf(did);
        if (method is null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid);
        }

        if (method != "key")
        {
            return DidResolutionResult.Failure(DidResolutionErrors.MethodNotSupported);
        }

        if (!DidKey.TryParse(did, out var key, out _))
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid);
        }

        // The DID is the multibase value it was parsed from, and did:key allows one encoding of a key (base58btc,
        // minimal varint), so the document is built from it without encoding the key again.
        var multibase = did![DidKey.Prefix.Length..];
        var methodId = did + "#" + multibase;
        return DidResolutionResult.Success(DidKey.Document(key!, multibase)) with
        {
            KnownKeys = new Dictionary<string, Keys.PublicKey>(1, StringComparer.Ordinal) { [methodId] = key! },
        };
    }

    /// <summary>
    /// True when <paramref name="resolver"/> resolves <paramref name="did"/> with this class and nothing else (this
    /// resolver itself, or a <see cref="MethodDidResolver"/> whose did:key resolver is one), so its answer for a
    /// verification method of the DID is known without building the document: <see cref="Dereference"/>.
    /// </summary>
    internal static bool ResolvesLocally(IDidResolver resolver, string did) =>
        did.StartsWith(DidKey.Prefix, StringComparison.Ordinal)
        && (resolver is DidKeyResolver || (resolver is MethodDidResolver methods && methods.ResolverFor("key") is DidKeyResolver));

    /// <summary>
    /// What resolving the reference's DID and then <see cref="DidDocuments.FindMethod(DidResolutionResult, string?, string, out string?, out string?)"/>
    /// give, with the same errors and reasons, without the JSON document: the DID's one key, its method id
    /// <c>did#multibase</c> listed under the four signing relationships, and for Ed25519 the X25519 method listed under
    /// keyAgreement only. False when the DID does not resolve (<c>invalidDid</c>); otherwise the method or an error.
    /// <paramref name="reference"/> is a method reference (<see cref="DidUrl.TryParseMethodReference"/>): no path or query.
    /// </summary>
    internal static bool Dereference(DidUrl reference, string relationship, out VerificationMethod? method, out string? error, out string? problem)
    {
        method = null;
        error = null;
        problem = null;
        var did = reference.Did;
        if (!DidKey.TryParse(did, out var key, out _))
        {
            return false;
        }

        var multibase = did[DidKey.Prefix.Length..];
        var absolute = reference.ToString();
        if (reference.Fragment == multibase)
        {
            if (!SigningRelationships.Contains(relationship))
            {
                error = VerificationMethodErrors.NotAuthorized;
                problem = $"{absolute} is not listed under {relationship}.";
                return true;
            }

            method = new VerificationMethod(absolute, DidKey.MultikeyType, did, key!);
            return true;
        }

        if (key!.Type == Keys.KeyType.Ed25519 && reference.Fragment == DidKey.X25519MultibaseValue(key))
        {
            // The key agreement method: listed under keyAgreement only, and an X25519 key verifies no signature.
            if (relationship != "keyAgreement")
            {
                error = VerificationMethodErrors.NotAuthorized;
                problem = $"{absolute} is not listed under {relationship}.";
                return true;
            }

            _ = DidKey.TryParseMultibase(reference.Fragment, out _, out problem);
            error = VerificationMethodErrors.UnsupportedMethod;
            return true;
        }

        error = VerificationMethodErrors.NotFound;
        problem = $"The document has no verification method {absolute}.";
        return true;
    }
}
