using System.Collections.Concurrent;

namespace MLGov.Trust.Dids;

/// <summary>
/// Remembers successful resolutions of another resolver for a time to live, up to a number of DIDs, so a verifier that
/// sees the same issuers again does not resolve (or, for did:key, decode and validate the key of) each one every time.
/// Failures are not cached: a DID that did not resolve is tried again. Cached documents are shared between callers,
/// which must treat them as read-only.
/// </summary>
public sealed class CachingDidResolver : IDidResolver
{
    private readonly IDidResolver _inner;
    private readonly TimeSpan _timeToLive;
    private readonly int _maxEntries;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (DidResolutionResult Result, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public CachingDidResolver(IDidResolver inner, TimeSpan timeToLive, int maxEntries = 10_000, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _inner = inner;
        _timeToLive = timeToLive;
        _maxEntries = maxEntries;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (did is not null && _entries.TryGetValue(did, out var entry) && entry.Expires > now)
        {
            return entry.Result;
        }

        var result = await _inner.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (did is not null && result.Succeeded)
        {
            if (_entries.Count >= _maxEntries)
            {
                Evict(now);
            }

            _entries[did] = (result, now + _timeToLive);
        }

        return result;
    }

    // Expired entries go first; if the cache is still full, it starts over rather than track recency on every hit.
    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, value) in _entries)
        {
            if (value.Expires <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= _maxEntries)
        {
            _entries.Clear();
        }
    }
}
