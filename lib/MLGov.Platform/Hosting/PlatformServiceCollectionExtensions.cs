using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MLGov.Core.Snapshots;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Chain.Snapshots;
using MLGov.Platform.Health;
using MLGov.Platform.Http;
using MLGov.Platform.Messaging;
using MLGov.Platform.Tables;
using MLGov.Platform.Telemetry;

namespace MLGov.Platform.Hosting;

/// <summary>What every app registers: options validated on start, Tables, Service Bus, the chain client and signer, health, JSON bodies, telemetry.</summary>
public static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddMLGovPlatform(this IServiceCollection services, IConfiguration configuration, string appName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(appName);

        services.AddOptions<AppOptions>().Configure(o => o.Name = appName);
        services.AddOptions<RequestBodyOptions>().BindConfiguration(RequestBodyOptions.SectionName);
        services.AddOptions<TablesOptions>().BindConfiguration(TablesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JsonRequestReader>();
        services.TryAddSingleton(CreateTableService);
        services.TryAddSingleton<TableStores>();
        services.TryAddSingleton<IChainClient, ChainClient>();
        services.TryAddSingleton<ISnapshotReader, ChainSnapshotReader>();
        services.AddChainSigner();
        services.TryAddSingleton<HealthReporter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyCheck, TablesDependencyCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyCheck, ChainDependencyCheck>());
        services.AddMLGovServiceBus();
        services.AddMLGovTelemetry(configuration, appName);
        return services;
    }

    private static TableServiceClient CreateTableService(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<TablesOptions>>().Value;
        return options.ServiceUri is { } uri
            ? new TableServiceClient(uri, new DefaultAzureCredential())
            : new TableServiceClient(options.ConnectionString);
    }
}
