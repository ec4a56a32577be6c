using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Health;

namespace MLGov.Registry.Functions;

/// <summary>Liveness for anyone (answers without touching a dependency); readiness with every dependency for key holders.</summary>
public sealed class HealthFunctions
{
    private readonly HealthReporter _health;

    public HealthFunctions(HealthReporter health)
    {
        _health = health;
    }

    [Function("RegistryLive")]
    public static IActionResult GetLiveness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/health")] HttpRequest request) => HealthResult.Alive();

    [Function("RegistryReady")]
    public async Task<IActionResult> GetReadiness(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "registry/health/ready")] HttpRequest request,
        CancellationToken cancellationToken) => HealthResult.From(await _health.CheckAsync(cancellationToken));
}
