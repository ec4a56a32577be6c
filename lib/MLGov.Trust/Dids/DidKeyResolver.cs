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

        // The DID is the multibase value it was parsed from, and did:key allows one encoding of a key (base58btc,
        // minimal varint), so the document is built from it without encoding the key again.
        var multibase = did![DidKey.Prefix.Length..];
        var methodId = did + "#" + multibase;
        return DidResolutionResult.Success(DidKey.Document(key!, multibase)) with
        {
            KnownKeys = new Dictionary<string, Keys.PublicKey>(1, StringComparer.Ordinal) { [methodId] = key! },
        };
    }
}
