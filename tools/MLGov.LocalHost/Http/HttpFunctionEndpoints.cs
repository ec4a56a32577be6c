using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using MLGov.Core.Errors;
using MLGov.LocalHost.Discovery;
using MLGov.LocalHost.Invocation;
using MLGov.Platform.Http;

namespace MLGov.LocalHost.Http;

/// <summary>Maps every HTTP-triggered function to its Azure route and serves it.</summary>
internal sealed partial class HttpFunctionEndpoints
{
    private readonly KeyAuthorizer _authorizer;
    private readonly ILogger _logger;

    public HttpFunctionEndpoints(KeyAuthorizer authorizer, ILogger logger)
    {
        _authorizer = authorizer;
        _logger = logger;
    }

    public void Map(IEndpointRouteBuilder endpoints, string routePrefix, LoadedApp app, FunctionInvoker invoker)
    {
        foreach (var function in app.Functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            var pattern = "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.Route! }.Where(s => s.Length > 0));
            RequestDelegate handler = context => ServeAsync(context, function, invoker);
            var methods = function.Http!.Methods?.Select(m => m.ToUpperInvariant()).ToArray();
            var endpoint = methods is { Length: > 0 } ? endpoints.MapMethods(pattern, methods, handler) : endpoints.Map(pattern, handler);
            endpoint.WithDisplayName($"{app.Definition.Name}/{function.Name}");
        }
    }

    private async Task ServeAsync(HttpContext context, FunctionDescriptor function, FunctionInvoker invoker)
    {
        if (!_authorizer.IsAuthorized(function, context.Request))
        {
            await ProblemDetailsMapper.ToProblem(new UnauthorizedException(
                $"Function '{function.Name}' requires a valid {function.Http!.AuthLevel} key (code query parameter or x-functions-key header).")).WriteAsync(context);
            return;
        }

        try
        {
            await invoker.InvokeHttpAsync(function, context, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The host answers every unhandled failure with a 500 rather than dropping the connection.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogUnhandled(_logger, exception, function.Name);
            if (!context.Response.HasStarted)
            {
                await ProblemDetailsMapper.Unexpected().WriteAsync(context);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} failed outside its middleware")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string functionName);
}
