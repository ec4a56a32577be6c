namespace MLGov.Platform.Health;

/// <summary>One dependency of an app (Tables, chain, Service Bus) that the health endpoint reports on.</summary>
public interface IDependencyCheck
{
    /// <summary>The key under which the dependency appears in the health report, for example "tables".</summary>
    string Name { get; }

    Task<DependencyStatus> CheckAsync(CancellationToken cancellationToken);
}
