using System.Security.Cryptography;
using MLGov.Core.Encoding;

namespace MLGov.Trust.Presentations;

/// <summary>
/// Nonces in memory, for tests and a single instance: 256 random bits each, consumed under a lock. A used or expired
/// nonce is remembered until a while after its expiry so that a replay is reported as such, then forgotten.
/// </summary>
public sealed class InMemoryNonceStore(TimeProvider? time = null) : IPresentationNonceStore
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (DateTimeOffset Expires, bool Used)> _nonces = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ValueTask<PresentationNonce> IssueAsync(TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var nonce = new PresentationNonce(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), _time.GetUtcNow() + lifetime);
        lock (_lock)
        {
            Forget(_time.GetUtcNow());
            _nonces[nonce.Value] = (nonce.Expires, false);
        }

        return ValueTask.FromResult(nonce);
    }

    public ValueTask<NonceConsumption> ConsumeAsync(string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_nonces.TryGetValue(nonce, out var entry))
            {
                return ValueTask.FromResult(NonceConsumption.Unknown);
            }

            if (entry.Used)
            {
                return ValueTask.FromResult(NonceConsumption.AlreadyUsed);
            }

            if (now >= entry.Expires)
            {
                return ValueTask.FromResult(NonceConsumption.Expired);
            }

            _nonces[nonce] = (entry.Expires, true);
            return ValueTask.FromResult(NonceConsumption.Consumed);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (value, entry) in _nonces)
        {
            if (entry.Expires + Remember <= now)
            {
                _nonces.Remove(value);
            }
        }
    }
}
