namespace MLGov.Platform.Health;

/// <summary>The state of one dependency: whether it answered, how fast, and what it said.</summary>
public sealed record DependencyStatus(bool Healthy, long LatencyMs, string? Error = null, IReadOnlyDictionary<string, object>? Details = null)
{
    public string Status => Healthy ? "healthy" : "unhealthy";
}
