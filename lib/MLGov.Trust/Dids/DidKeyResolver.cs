using MLGov.Core.Identifiers;

namespace MLGov.Trust.Dids;

/// <summary>Resolves did:key locally: the document is derived from the DID itself, so there is nothing to fetch.</summary>
public sealed class DidKeyResolver : IDidResolver
{
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

        var methodId = did + "#" + did![DidKey.Prefix.Length..];
        return DidResolutionResult.Success(DidKey.Document(key!)) with
        {
            KnownKeys = new Dictionary<string, Keys.PublicKey>(1, StringComparer.Ordinal) { [methodId] = key! },
        };
    }
}
