using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Health;

namespace MLGov.Voting.Functions;

/// <summary>Liveness for anyone (answers without touching a dependency); readiness with every dependency for key holders.</summary>
public sealed class HealthFunctions
{
    private readonly HealthReporter _health;

    public HealthFunctions(HealthReporter health)
    {
        _health = health;
    }

    [Function("VotingLive")]
    public static IActionResult GetLiveness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/health")] HttpRequest request) => HealthResult.Alive();

    [Function("VotingReady")]
    public async Task<IActionResult> GetReadiness(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "voting/health/ready")] HttpRequest request,
        CancellationToken cancellationToken) => HealthResult.From(await _health.CheckAsync(cancellationToken));
}
