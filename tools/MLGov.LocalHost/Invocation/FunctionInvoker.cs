using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using MLGov.LocalHost.Discovery;

namespace MLGov.LocalHost.Invocation;

/// <summary>
/// Invokes one function the way the isolated worker with the ASP.NET Core integration does: a DI
/// scope per invocation, the function class activated from it, the middleware the app registered
/// on its worker builder around the call, and parameters bound by type (HttpRequest,
/// FunctionContext, CancellationToken, TimerInfo) or by route parameter name. For HTTP, the
/// request's services are the invocation's scope and the returned IActionResult is executed
/// inside the invocation, after the app's middleware, as FunctionsHttpProxyingMiddleware does.
/// </summary>
internal sealed class FunctionInvoker
{
    private readonly LoadedApp _app;
    private readonly FunctionExecutionDelegate _pipeline;

    public FunctionInvoker(LoadedApp app)
    {
        _app = app;
        _pipeline = app.Worker.Build(context => CallAsync((LocalFunctionContext)context));
    }

    /// <summary>Serves one request; exceptions that leave the app's middleware (or the result) propagate.</summary>
    public async Task InvokeHttpAsync(FunctionDescriptor function, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var bindingData = httpContext.Request.RouteValues.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new LocalFunctionContext(function, scope.ServiceProvider, bindingData, cancellationToken, httpContext);
        context.Items[LocalFunctionContext.HttpContextKey] = httpContext;

        // As WorkerRequestServicesMiddleware does in Azure: HttpContext.RequestServices is the
        // invocation's own scope (FunctionContext.InstanceServices), not a second request scope.
        httpContext.Features.Set<IServiceProvidersFeature>(new RequestServicesFeature(httpContext, null) { RequestServices = scope.ServiceProvider });

        await _pipeline(context).ConfigureAwait(false);

        // Only an IActionResult is served, as FunctionsHttpProxyingMiddleware does; discovery refuses
        // other return types. Like Azure, nothing is executed once the request was aborted.
        if (context.Result is IActionResult result && !httpContext.RequestAborted.IsCancellationRequested && !httpContext.Response.HasStarted)
        {
            await result.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a timer function once; exceptions that leave the app's middleware propagate.</summary>
    public async Task InvokeTimerAsync(FunctionDescriptor function, TimerInfo timer, CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new LocalFunctionContext(function, scope.ServiceProvider, new Dictionary<string, object?>(), cancellationToken) { Timer = timer };
        await _pipeline(context).ConfigureAwait(false);
    }

    private static async Task CallAsync(LocalFunctionContext context)
    {
        var function = context.Function;
        var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.InstanceServices, function.DeclaringType);
        try
        {
            var arguments = function.Method.GetParameters().Select(p => Bind(p, context)).ToArray();
            object? returned;
            try
            {
                returned = function.Method.Invoke(target, arguments);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
                throw;
            }

            context.Result = await UnwrapAsync(returned).ConfigureAwait(false);
        }
        finally
        {
            switch (target)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static object? Bind(ParameterInfo parameter, LocalFunctionContext context)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return context.HttpContext?.Request;
        }

        if (type == typeof(FunctionContext))
        {
            return context;
        }

        if (type == typeof(CancellationToken))
        {
            return context.CancellationToken;
        }

        if (type == typeof(TimerInfo))
        {
            return context.Timer;
        }

        if (context.BindingContext.BindingData.TryGetValue(parameter.Name!, out var raw) && raw is not null)
        {
            if (type.IsInstanceOfType(raw))
            {
                return raw;
            }

            var target = Nullable.GetUnderlyingType(type) ?? type;
            return TypeDescriptor.GetConverter(target).ConvertFrom(null, CultureInfo.InvariantCulture, raw.ToString()!);
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                var type = task.GetType();
                return type.IsGenericType && type.GetGenericArguments()[0].Name != "VoidTaskResult"
                    ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            default:
                var returnedType = returned?.GetType();
                if (returnedType is { IsGenericType: true } && returnedType.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var asTask = (Task)returnedType.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                    return await UnwrapAsync(asTask).ConfigureAwait(false);
                }

                return returned;
        }
    }
}
