using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using MLGov.Platform.Http;

namespace MLGov.Platform.Health;

/// <summary>Maps a health report to 200 (healthy or degraded) or 503, and answers liveness.</summary>
public static class HealthResult
{
    private static readonly Liveness AliveBody = new("alive");

    /// <summary>200 with <c>{"status":"alive"}</c>: no dependency is called, nothing internal is named.</summary>
    public static IActionResult Alive() => new JsonBodyResult(AliveBody, StatusCodes.Status200OK);

    public static IActionResult From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonBodyResult(report, report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
