namespace MLGov.Platform.Health;

/// <summary>The body of GET /api/{app}/health.</summary>
public sealed record HealthReport(string App, string Status, DateTimeOffset CheckedAt, IReadOnlyDictionary<string, DependencyStatus> Dependencies)
{
    /// <summary>Serving: healthy or degraded (degraded still answers 200, so a load balancer keeps the instance).</summary>
    public bool IsHealthy => Status is "healthy" or "degraded";
}
