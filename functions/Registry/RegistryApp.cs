using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events.Chain;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging;

namespace MLGov.Registry;

/// <summary>
/// Everything the registry app registers, services and worker middleware alike; Program.cs (Azure)
/// and the local host both call it on their worker builder, so what runs locally is what runs in Azure.
/// </summary>
public static class RegistryApp
{
    public const string Name = "registry";

    public static IFunctionsWorkerApplicationBuilder AddRegistryApp(this IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(RegistryApp).Assembly);
        services.AddOutbox(Name);
        services.AddChainIntents<RegistryChainIntentSettledV1>(Name);
        return builder;
    }
}
