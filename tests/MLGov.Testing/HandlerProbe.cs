using System.Collections.Concurrent;
using System.Diagnostics;

namespace MLGov.Testing;

/// <summary>What the test handlers saw: attempts per event id, and committed state changes.</summary>
public sealed class HandlerProbe
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _commits = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, ActivityTraceId> _traces = new(StringComparer.Ordinal);

    /// <summary>Counts an attempt, and remembers the trace the handler ran in.</summary>
    public int Attempt(string eventId)
    {
        if (Activity.Current is { } current)
        {
            _traces[eventId] = current.TraceId;
        }

        return _attempts.AddOrUpdate(eventId, 1, (_, n) => n + 1);
    }

    /// <summary>The trace id of the span that was current when the handler last ran for the event.</summary>
    public ActivityTraceId? TraceOf(string eventId) => _traces.TryGetValue(eventId, out var trace) ? trace : null;

    public void Committed(string eventId) => _commits.AddOrUpdate(eventId, 1, (_, n) => n + 1);

    public int AttemptsOf(string eventId) => _attempts.GetValueOrDefault(eventId);

    public int CommitsOf(string eventId) => _commits.GetValueOrDefault(eventId);

    /// <summary>The most handlers that were inside <see cref="Enter"/> at once.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    /// <summary>Marks a handler as running until the result is disposed.</summary>
    public IDisposable Enter()
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        return new Running(this);
    }

    private int _running;
    private int _maxConcurrent;

    private sealed class Running(HandlerProbe probe) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref probe._running);
    }
}
