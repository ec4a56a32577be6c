using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging;
using MLGov.Risk.Incidents;

namespace MLGov.Risk;

/// <summary>Everything the risk app registers; Program.cs (Azure) and the local host both call it.</summary>
public static class RiskApp
{
    public const string Name = "risk";

    public static IServiceCollection AddRiskApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(RiskApp).Assembly);
        services.AddOutbox(Name);
        services.AddSingleton<IncidentRecorder>();
        return services;
    }
}
