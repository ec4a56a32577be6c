using MLGov.LocalHost;
using MLGov.Platform.Hosting;
using MLGov.Platform.Identity;

namespace MLGov.Platform.Tests.Identity.EntraApp;

public static class EntraProbeApp
{
    /// <summary>The probe app, registered as an app's Program.cs would: the shared middleware and one call for enterprise login.</summary>
    public static FunctionAppDefinition Definition { get; } =
        new("entra", typeof(EntraProbeFunctions).Assembly, (builder, configuration) =>
        {
            builder.UseMLGovDefaults();
            builder.Services.AddEntraLogin(configuration);
        })
        {
            Declares = type => type.Namespace == typeof(EntraProbeFunctions).Namespace,
        };
}
