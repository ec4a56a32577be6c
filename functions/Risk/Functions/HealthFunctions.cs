using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Health;

namespace MLGov.Risk.Functions;

public sealed class HealthFunctions
{
    private readonly HealthReporter _health;

    public HealthFunctions(HealthReporter health)
    {
        _health = health;
    }

    [Function("RiskHealth")]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "risk/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await _health.CheckAsync(cancellationToken);
        return HealthResult.From(report);
    }
}
