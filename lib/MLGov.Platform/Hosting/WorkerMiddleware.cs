using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using MLGov.Platform.Http;
using MLGov.Platform.Telemetry;

namespace MLGov.Platform.Hosting;

/// <summary>
/// The worker middleware every app runs. It is registered on the worker builder, never listed
/// elsewhere: Azure's worker and the local host both run what the app's own registration
/// (<c>AddXxxApp</c>) put on its builder, so the two cannot drift apart.
/// </summary>
public static class WorkerMiddleware
{
    /// <summary>Registers the shared middleware, outermost first (called by every app's AddXxxApp).</summary>
    public static IFunctionsWorkerApplicationBuilder UseMLGovDefaults(this IFunctionsWorkerApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMiddleware<FunctionTelemetryMiddleware>();
        builder.UseMiddleware<ExceptionHandlingMiddleware>();
        // Inside the exception handling, so a refused presentation is a 401 problem.
        builder.UseMiddleware<Identity.CredentialAuthorizationMiddleware>();
        return builder;
    }
}
