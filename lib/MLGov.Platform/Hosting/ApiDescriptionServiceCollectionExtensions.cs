using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MLGov.Platform.OpenApi;

namespace MLGov.Platform.Hosting;

public static class ApiDescriptionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the app's <see cref="ApiDescription"/>: the OpenAPI document of the HTTP functions in
    /// <paramref name="functions"/>, which the app's OpenApiFunctions serves. One line in AddXxxApp:
    /// <c>services.AddApiDescription(Name, typeof(RiskApp).Assembly);</c>
    /// </summary>
    public static IServiceCollection AddApiDescription(this IServiceCollection services, string app, Assembly functions)
    {
        services.TryAddSingleton(new ApiDescription(app, functions));
        return services;
    }
}
