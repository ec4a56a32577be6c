using System.Collections.Concurrent;
using MLGov.Trust.Http;
using MLGov.Trust.Json;

namespace MLGov.Trust.Dids;

/// <summary>
/// Resolves did:web by fetching the document over HTTPS with the limits of a <see cref="BoundedHttpFetcher"/> (time,
/// size, redirects; loopback over HTTP only when its options allow it, for development). A document that is not a JSON
/// object, repeats a member or names another DID is <c>invalidDidDocument</c>; 404 and 410 are <c>notFound</c>; an
/// unreachable, slow, oversized or failing server is <c>internalError</c>. Successful results are cached for the TTL.
/// </summary>
public sealed class DidWebResolver : IDidResolver
{
    private readonly BoundedHttpFetcher _http;
    private readonly DidWebOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (DidResolutionResult Result, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public DidWebResolver(BoundedHttpFetcher http, DidWebOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? DidWebOptions.Default;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default)
    {
        var method = Core.Identifiers.Did.MethodOf(did);
        if (method is null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, Core.Identifiers.Did.Problem("The DID"));
        }

        if (method != "web")
        {
            return DidResolutionResult.Failure(DidResolutionErrors.MethodNotSupported, $"did:{method} is not resolved here.");
        }

        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(did!, out var cached) && cached.Expires > now)
        {
            return cached.Result;
        }

        var loopback = DidWeb.IsLoopback(did!);
        if (loopback && !_http.Options.AllowLoopbackHttp)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, "did:web names a loopback host, which is resolved only in development.");
        }

        var url = DidWeb.TryToUrl(did, out var problem, loopback ? Uri.UriSchemeHttp : Uri.UriSchemeHttps);
        if (url is null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, problem);
        }

        var fetched = await _http.GetAsync(url, "application/did+json", cancellationToken).ConfigureAwait(false);
        switch (fetched.Outcome)
        {
            case HttpFetchOutcome.NotFound:
                return DidResolutionResult.Failure(DidResolutionErrors.NotFound, fetched.Problem);
            case HttpFetchOutcome.Refused:
            case HttpFetchOutcome.Failed:
                return DidResolutionResult.Failure(DidResolutionErrors.InternalError, fetched.Problem);
        }

        var document = StrictJson.TryParseObject(fetched.Body, "DID document", out problem);
        if (document is null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDidDocument, problem);
        }

        if (JsonRead.String(document, "id") != did)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDidDocument, $"The document at {url} is not {did}'s: its id differs.");
        }

        var result = DidResolutionResult.Success(document, document.ContainsKey("@context") ? DidResolutionResult.DidLdJson : DidResolutionResult.DidJson);
        if (_cache.Count >= _options.MaxCachedDocuments)
        {
            _cache.Clear();
        }

        _cache[did!] = (result, now + _options.CacheTtl);
        return result;
    }
}
