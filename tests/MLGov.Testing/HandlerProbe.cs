using System.Collections.Concurrent;

namespace MLGov.Testing;

/// <summary>What the test handlers saw: attempts per event id, and committed state changes.</summary>
public sealed class HandlerProbe
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _commits = new(StringComparer.Ordinal);

    public int Attempt(string eventId) => _attempts.AddOrUpdate(eventId, 1, (_, n) => n + 1);

    public void Committed(string eventId) => _commits.AddOrUpdate(eventId, 1, (_, n) => n + 1);

    public int AttemptsOf(string eventId) => _attempts.GetValueOrDefault(eventId);

    public int CommitsOf(string eventId) => _commits.GetValueOrDefault(eventId);
}
