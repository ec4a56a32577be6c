using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MLGov.LocalHost.Tests.SampleApp;

/// <summary>Worker middleware the sample app registers itself: it marks every HTTP response it wraps.</summary>
public sealed class StampingMiddleware : IFunctionsWorkerMiddleware
{
    public const string Header = "x-sample-middleware";

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.GetHttpContext()?.Response.Headers[Header] = context.FunctionDefinition.Name;
        return next(context);
    }
}
