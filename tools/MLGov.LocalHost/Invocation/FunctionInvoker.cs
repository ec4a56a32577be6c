using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using MLGov.LocalHost.Discovery;
using MLGov.Platform.Hosting;

namespace MLGov.LocalHost.Invocation;

/// <summary>
/// Invokes one function the way the isolated worker does: a DI scope per invocation, the
/// function class activated from it, the app's worker middleware around the call, and
/// parameters bound by type (HttpRequest, FunctionContext, CancellationToken, TimerInfo) or by
/// route parameter name.
/// </summary>
internal sealed class FunctionInvoker
{
    private readonly LoadedApp _app;

    public FunctionInvoker(LoadedApp app)
    {
        _app = app;
    }

    /// <summary>Runs the function and returns what it returned (awaited); exceptions leave through the middleware.</summary>
    public async Task<object?> InvokeAsync(FunctionDescriptor function, HttpContext? httpContext, TimerInfo? timer, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new LocalFunctionContext(function, scope.ServiceProvider, bindingData, cancellationToken);
        if (httpContext is not null)
        {
            context.Items[LocalFunctionContext.HttpContextKey] = httpContext;
        }

        FunctionExecutionDelegate pipeline = ctx => CallAsync((LocalFunctionContext)ctx, function, httpContext, timer, bindingData);
        foreach (var middlewareType in _app.Definition.Middleware.Reverse())
        {
            var next = pipeline;
            var middleware = WorkerMiddleware.Resolve(_app.Services, middlewareType);
            pipeline = ctx => middleware.Invoke(ctx, next);
        }

        await pipeline(context).ConfigureAwait(false);
        return context.Result;
    }

    private static async Task CallAsync(LocalFunctionContext context, FunctionDescriptor function, HttpContext? httpContext, TimerInfo? timer, IReadOnlyDictionary<string, object?> bindingData)
    {
        var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.InstanceServices, function.DeclaringType);
        try
        {
            var arguments = function.Method.GetParameters().Select(p => Bind(p, context, httpContext, timer, bindingData)).ToArray();
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

    private static object? Bind(ParameterInfo parameter, LocalFunctionContext context, HttpContext? httpContext, TimerInfo? timer, IReadOnlyDictionary<string, object?> bindingData)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return httpContext?.Request;
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
            return timer;
        }

        if (bindingData.TryGetValue(parameter.Name!, out var raw) && raw is not null)
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
