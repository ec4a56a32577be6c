using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Hosting;

namespace MLGov.Registry;

/// <summary>Everything the registry app registers; Program.cs (Azure) and the local host both call it.</summary>
public static class RegistryApp
{
    public const string Name = "registry";

    public static IServiceCollection AddRegistryApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(RegistryApp).Assembly);
        return services;
    }
}
