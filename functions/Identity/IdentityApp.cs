using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Hosting;

namespace MLGov.Identity;

/// <summary>Everything the identity app registers; Program.cs (Azure) and the local host both call it.</summary>
public static class IdentityApp
{
    public const string Name = "identity";

    public static IServiceCollection AddIdentityApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(IdentityApp).Assembly);
        return services;
    }
}
