using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace MLGov.LocalHost;

/// <summary>
/// One function app as the local host loads it: its name (the first route segment of its
/// health endpoint), the assembly whose [Function] methods it serves, and the same
/// registration its Program.cs calls in Azure (<c>builder.AddXxxApp(configuration)</c>): the
/// services it adds and the worker middleware it registers with <c>Use</c>/<c>UseMiddleware</c>
/// are exactly what the local host runs.
/// </summary>
public sealed record FunctionAppDefinition(string Name, Assembly Assembly, Action<IFunctionsWorkerApplicationBuilder, IConfiguration> Configure)
{
    /// <summary>Where the app's [Function] methods are looked for: every type of <see cref="Assembly"/> unless narrowed (an assembly that holds several test apps).</summary>
    public Func<Type, bool> Declares { get; init; } = _ => true;

    /// <summary>
    /// The app's own configuration out of the host's (in Azure each app gets only the settings its
    /// Bicep gives it); all of it unless narrowed.
    /// </summary>
    public Func<IConfiguration, IConfiguration> Settings { get; init; } = configuration => configuration;
}
