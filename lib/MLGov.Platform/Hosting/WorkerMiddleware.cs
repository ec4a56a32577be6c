using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Http;

namespace MLGov.Platform.Hosting;

/// <summary>
/// The worker middleware every app runs, outermost first. Azure's worker (through
/// <see cref="UseMLGovDefaults"/>) and the local host both take the list from here, so they
/// cannot drift apart.
/// </summary>
public static class WorkerMiddleware
{
    public static IReadOnlyList<Type> Pipeline { get; } = [typeof(ExceptionHandlingMiddleware)];

    /// <summary>Registers the shared middleware on an Azure Functions app (Program.cs).</summary>
    public static FunctionsApplicationBuilder UseMLGovDefaults(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var type in Pipeline)
        {
            builder.Services.AddSingleton(type);
            builder.Use(next => context => Resolve(context.InstanceServices, type).Invoke(context, next));
        }

        return builder;
    }

    /// <summary>The middleware instance of a type, from the app's container when registered there.</summary>
    public static IFunctionsWorkerMiddleware Resolve(IServiceProvider services, Type type) =>
        (IFunctionsWorkerMiddleware)(services.GetService(type) ?? ActivatorUtilities.CreateInstance(services, type));
}
