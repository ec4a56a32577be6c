namespace MLGov.Trust.Dids;

/// <summary>
/// Resolves did:pkh (eip155 accounts) locally: the document is derived from the DID itself. A well-formed did:pkh of
/// another CAIP-2 namespace (bip122, solana…) is <c>methodNotSupported</c>: the DID may be valid, this resolver
/// cannot resolve it.
/// </summary>
public sealed class DidPkhResolver : IDidResolver
{
    public ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Resolve(did));

    public static DidResolutionResult Resolve(string? did)
    {
        var method = Core.Identifiers.Did.MethodOf(did);
        if (method is null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid);
        }

        if (method != "pkh" || DidPkh.NamespaceOf(did) is { } ns && ns != "eip155")
        {
            return DidResolutionResult.Failure(DidResolutionErrors.MethodNotSupported);
        }

        return DidPkh.TryParse(did, out _, out _, out _)
            ? DidResolutionResult.Success(DidPkh.Document(did!))
            : DidResolutionResult.Failure(DidResolutionErrors.InvalidDid);
    }
}
