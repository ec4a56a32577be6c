using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events.Chain;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Hosting;
using MLGov.Platform.Identity;
using MLGov.Platform.Messaging;

namespace MLGov.Identity;

/// <summary>
/// Everything the identity app registers, services and worker middleware alike; Program.cs (Azure)
/// and the local host both call it on their worker builder, so what runs locally is what runs in Azure.
/// </summary>
public static class IdentityApp
{
    public const string Name = "identity";

    public static IFunctionsWorkerApplicationBuilder AddIdentityApp(this IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(IdentityApp).Assembly);
        services.AddOutbox(Name);
        services.AddChainIntents<IdentityChainIntentSettledV1>(Name);
        services.AddDidResolution(configuration);
        return builder;
    }
}
