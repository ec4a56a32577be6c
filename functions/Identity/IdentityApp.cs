using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MLGov.Identity;

public static class IdentityApp
{
    public static IServiceCollection AddIdentityApp(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
