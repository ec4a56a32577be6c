using MLGov.Platform.Telemetry;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>What the sender last saw: unsettled intents and the oldest one, and its last failure. Read by health and metrics.</summary>
public sealed class ChainIntentStatus : IChainIntentBacklog
{
    private long _pending;
    private long _oldestTicks;
    private string? _lastError;
    private int _failures;

    /// <summary>Intents not yet settled (queued in the index or active in the ledger) at the sender's last look.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>When the oldest unsettled intent was requested; null when there is none.</summary>
    public DateTimeOffset? OldestPendingSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _oldestTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public string? LastError => Volatile.Read(ref _lastError);

    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>Whether the sender has completed a round since it started.</summary>
    public bool Started { get; private set; }

    internal void Observe(long pending, DateTimeOffset? oldest)
    {
        Interlocked.Exchange(ref _pending, pending);
        Interlocked.Exchange(ref _oldestTicks, oldest?.UtcTicks ?? 0);
        Started = true;
    }

    internal void Succeeded()
    {
        Volatile.Write(ref _failures, 0);
        Volatile.Write(ref _lastError, null);
    }

    internal void Failed(string error)
    {
        Interlocked.Increment(ref _failures);
        Volatile.Write(ref _lastError, error);
    }
}
