using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events.Chain;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging;
using MLGov.Risk.Incidents;

namespace MLGov.Risk;

/// <summary>
/// Everything the risk app registers, services and worker middleware alike; Program.cs (Azure)
/// and the local host both call it on their worker builder, so what runs locally is what runs in Azure.
/// </summary>
public static class RiskApp
{
    public const string Name = "risk";

    public static IFunctionsWorkerApplicationBuilder AddRiskApp(this IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(RiskApp).Assembly);
        services.AddChainIntents<RiskChainIntentSettledV1>(Name);
        services.AddOutbox(Name);
        services.AddSingleton<IncidentRecorder>();
        return builder;
    }
}
