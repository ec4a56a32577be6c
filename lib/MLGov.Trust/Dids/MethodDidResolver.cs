namespace MLGov.Trust.Dids;

/// <summary>
/// Resolves a DID with the resolver registered for its method: a malformed DID is <c>invalidDid</c>, a method with no
/// resolver <c>methodNotSupported</c>. Never throws on bad input.
/// </summary>
public sealed class MethodDidResolver : IDidResolver
{
    private readonly IReadOnlyDictionary<string, IDidResolver> _byMethod;

    public MethodDidResolver(IReadOnlyDictionary<string, IDidResolver> byMethod)
    {
        ArgumentNullException.ThrowIfNull(byMethod);
        _byMethod = new Dictionary<string, IDidResolver>(byMethod, StringComparer.Ordinal);
    }

    /// <summary>The methods resolved without any I/O: did:key and did:pkh.</summary>
    public static MethodDidResolver Local() => new(new Dictionary<string, IDidResolver>(StringComparer.Ordinal)
    {
        ["key"] = new DidKeyResolver(),
        ["pkh"] = new DidPkhResolver(),
    });

    public IReadOnlyCollection<string> Methods => _byMethod.Keys.ToList();

    internal IDidResolver? ResolverFor(string method) => _byMethod.GetValueOrDefault(method);

    public ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default)
    {
        var method = Core.Identifiers.Did.MethodOf(did);
        if (method is null)
        {
            return ValueTask.FromResult(DidResolutionResult.Failure(DidResolutionErrors.InvalidDid));
        }

        return _byMethod.TryGetValue(method, out var resolver)
            ? resolver.ResolveAsync(did, cancellationToken)
            : ValueTask.FromResult(DidResolutionResult.Failure(DidResolutionErrors.MethodNotSupported));
    }
}
