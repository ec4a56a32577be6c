namespace MLGov.Trust.Dids;

/// <summary>
/// Resolves a DID to its document. Implementations never throw on bad input: a malformed DID, an unsupported method or
/// a missing document is a result with <see cref="DidResolutionMetadata.Error"/> set. Asynchronous because did:web fetches.
/// </summary>
public interface IDidResolver
{
    ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default);
}
