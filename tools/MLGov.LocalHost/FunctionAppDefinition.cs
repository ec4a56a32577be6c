using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Hosting;

namespace MLGov.LocalHost;

/// <summary>
/// One function app as the local host loads it: its name (the first route segment of its
/// health endpoint), the assembly whose [Function] methods it serves, and the same
/// registration its Program.cs calls in Azure.
/// </summary>
public sealed record FunctionAppDefinition(string Name, Assembly Assembly, Action<IServiceCollection, IConfiguration> Register)
{
    /// <summary>Worker middleware run around every invocation, outermost first.</summary>
    public IReadOnlyList<Type> Middleware { get; init; } = WorkerMiddleware.Pipeline;
}
