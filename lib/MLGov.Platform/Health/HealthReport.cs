namespace MLGov.Platform.Health;

/// <summary>The body of GET /api/{app}/health.</summary>
public sealed record HealthReport(string App, string Status, DateTimeOffset CheckedAt, IReadOnlyDictionary<string, DependencyStatus> Dependencies)
{
    public bool IsHealthy => Status == "healthy";
}
