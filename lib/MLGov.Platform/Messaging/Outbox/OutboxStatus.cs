using System.Collections.Concurrent;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>
/// What the dispatcher last saw, for health: how many commits were pending and since when, and the
/// events it could not read or send after repeated attempts (kept until they go out).
/// </summary>
public sealed class OutboxStatus
{
    private readonly ConcurrentDictionary<string, StuckEvent> _stuck = new(StringComparer.Ordinal);

    /// <summary>Pending commits the last sweep found (all tables).</summary>
    public int Pending { get; private set; }

    /// <summary>When the oldest pending commit of the last sweep was written; null when none was pending.</summary>
    public DateTimeOffset? OldestPendingAt { get; private set; }

    public DateTimeOffset? LastSweepAt { get; private set; }

    public IReadOnlyCollection<StuckEvent> Stuck => _stuck.Values.OrderBy(s => s.Since).ToList();

    internal void Swept(int pending, DateTimeOffset? oldestPendingAt, DateTimeOffset at)
    {
        Pending = pending;
        OldestPendingAt = oldestPendingAt;
        LastSweepAt = at;
    }

    internal void MarkStuck(string key, StuckEvent stuck) => _stuck[key] = stuck;

    internal void Clear(string key) => _stuck.TryRemove(key, out _);
}
