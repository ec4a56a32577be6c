using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLGov.Platform.Hosting;

namespace MLGov.Platform.Telemetry;

/// <summary>
/// A Server span around every function invocation, continuing the trace the host passes in
/// <see cref="FunctionContext.TraceContext"/> (in Azure the host's request span; on the local host
/// the caller's traceparent header), so what the function publishes joins the caller's trace.
/// </summary>
internal sealed class FunctionTelemetryMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var parent = MLGovTelemetry.ParentFrom(context.TraceContext?.TraceParent, context.TraceContext?.TraceState);
        if (parent == default && Activity.Current is { Recorded: false })
        {
            // An unsampled span of the web server (Kestrel's request activity, which nothing here
            // samples) would make this one unrecorded too: without a trace to continue, start one.
            Activity.Current = null;
        }

        using var span = MLGovTelemetry.Source.StartActivity(context.FunctionDefinition.Name, ActivityKind.Server, parent);
        if (span is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        span.SetTag("faas.name", context.FunctionDefinition.Name);
        span.SetTag("faas.invocation_id", context.InvocationId);
        span.SetTag("mlgov.app", context.InstanceServices.GetService<IOptions<AppOptions>>()?.Value.Name);
        var http = context.GetHttpContext();
        if (http is not null)
        {
            span.SetTag("faas.trigger", "http");
            span.SetTag("http.request.method", http.Request.Method);
            span.SetTag("url.path", http.Request.Path.Value);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        // An action result is executed after the worker pipeline, so the status is known here only
        // when the response was written inside it (problem details from the exception middleware).
        if (http is { Response.HasStarted: true })
        {
            span.SetTag("http.response.status_code", http.Response.StatusCode);
            if (http.Response.StatusCode >= 500)
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
