using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Hosting;

namespace MLGov.Finance;

/// <summary>Everything the finance app registers; Program.cs (Azure) and the local host both call it.</summary>
public static class FinanceApp
{
    public const string Name = "finance";

    public static IServiceCollection AddFinanceApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMLGovPlatform(configuration, Name);
        return services;
    }
}
