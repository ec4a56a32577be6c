namespace MLGov.Platform.Health;

/// <summary>
/// The state of one dependency: whether it answered, how fast, and what it said. Degraded means it
/// works but something needs an operator (events stuck in the outbox, a backlog).
/// </summary>
public sealed record DependencyStatus(bool Healthy, long LatencyMs, string? Error = null, IReadOnlyDictionary<string, object>? Details = null)
{
    public bool Degraded { get; init; }

    public string Status => !Healthy ? "unhealthy" : Degraded ? "degraded" : "healthy";
}
