using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace MLGov.LocalHost.Invocation;

/// <summary>
/// The worker builder an app's registration receives in the local host, in place of Azure's
/// FunctionsApplicationBuilder: services go into the app's own container, and every middleware
/// registered with <c>Use</c> (which <c>UseMiddleware&lt;T&gt;</c> also calls) is kept in
/// registration order, outermost first, as the worker composes its pipeline.
/// </summary>
internal sealed class LocalWorkerApplicationBuilder : IFunctionsWorkerApplicationBuilder
{
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

    public LocalWorkerApplicationBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    public IReadOnlyList<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> Middleware => _middleware;

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>The pipeline around <paramref name="function"/>, composed once per app as the worker does.</summary>
    public FunctionExecutionDelegate Build(FunctionExecutionDelegate function)
    {
        var pipeline = function;
        for (var i = _middleware.Count - 1; i >= 0; i--)
        {
            pipeline = _middleware[i](pipeline);
        }

        return pipeline;
    }
}
