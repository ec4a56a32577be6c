using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using MLGov.Platform.Http;

namespace MLGov.Platform.Health;

/// <summary>Maps a health report to 200 (all dependencies healthy) or 503.</summary>
public static class HealthResult
{
    public static IActionResult From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonBodyResult(report, report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
