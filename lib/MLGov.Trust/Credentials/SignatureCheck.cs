using MLGov.Trust.Dids;
using MLGov.Trust.Jose;

namespace MLGov.Trust.Credentials;

/// <summary>
/// The <c>signature</c> check shared by credentials and presentations: the <c>alg</c> is accepted, the <c>kid</c> is a
/// DID URL, its DID resolves, the document lists the method under the relationship asked for, the method's key fits the
/// <c>alg</c>, and the signature verifies (low-s for ES256K).
/// </summary>
internal static class SignatureCheck
{
    public static async ValueTask<VerificationCheck> RunAsync(IDidResolver resolver, CompactJws jws, string relationship, CancellationToken cancellationToken)
    {
        var algKeyType = JwsAlgorithms.KeyTypeOf(jws.Alg);
        if (algKeyType is null)
        {
            return VerificationCheck.Fail(CredentialChecks.Signature, CredentialErrors.AlgNotAllowed,
                $"alg '{jws.Alg}' is not accepted; only EdDSA, ES256K and ES256 are.");
        }

        if (!DidUrl.TryParseMethodReference(jws.Kid, out var kid, out var problem))
        {
            return VerificationCheck.Fail(CredentialChecks.Signature, CredentialErrors.InvalidKid,
                jws.Kid is null ? "The header has no string kid." : "The kid is not a DID URL with a fragment: " + problem);
        }

        VerificationMethod? method;
        string? error;
        if (DidKeyResolver.ResolvesLocally(resolver, kid!.Did))
        {
            // The answer the resolver and the document would give, without building the document.
            if (!DidKeyResolver.Dereference(kid, relationship, out method, out error, out problem))
            {
                return ResolutionFailed(kid.Did, DidResolutionErrors.InvalidDid);
            }
        }
        else
        {
            var resolution = await resolver.ResolveAsync(kid.Did, cancellationToken).ConfigureAwait(false);
            if (!resolution.Succeeded)
            {
                return ResolutionFailed(kid.Did, resolution.DidResolutionMetadata.Error);
            }

            method = DidDocuments.FindMethod(resolution, jws.Kid, relationship, out error, out problem);
        }

        if (method is null)
        {
            var name = error switch
            {
                VerificationMethodErrors.NotFound => CredentialErrors.UnknownKid,
                VerificationMethodErrors.NotAuthorized => CredentialErrors.KeyNotAuthorized,
                VerificationMethodErrors.UnsupportedMethod => CredentialErrors.UnsupportedKey,
                _ => CredentialErrors.InvalidKid,
            };
            return VerificationCheck.Fail(CredentialChecks.Signature, name, problem!);
        }

        if (method.PublicKey.Type != algKeyType)
        {
            return VerificationCheck.Fail(CredentialChecks.Signature, CredentialErrors.AlgKeyMismatch,
                $"alg '{jws.Alg}' does not fit the {method.PublicKey.Type} key of {method.Id}.");
        }

        problem = JwsVerifier.Problem(jws, method.PublicKey);
        return problem is null
            ? VerificationCheck.Pass(CredentialChecks.Signature, $"Signed by {method.Id} ({relationship}).")
            : VerificationCheck.Fail(CredentialChecks.Signature, CredentialErrors.BadSignature, problem);
    }

    private static VerificationCheck ResolutionFailed(string did, string? error) =>
        VerificationCheck.Fail(CredentialChecks.Signature, CredentialErrors.DidResolutionFailed, $"{did} did not resolve: {error ?? "no document"}.");
}
