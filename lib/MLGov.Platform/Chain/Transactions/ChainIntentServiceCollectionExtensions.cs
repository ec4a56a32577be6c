using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MLGov.Core.Events;
using MLGov.Core.Events.Chain;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Health;
using MLGov.Platform.Tables;
using MLGov.Platform.Telemetry;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>Registration of the app's chain writes.</summary>
public static class ChainIntentServiceCollectionExtensions
{
    /// <summary>
    /// Declares the table (name without prefix) in which the app requests chain transactions with
    /// <c>batch.RequestTransaction(intent)</c> (it also holds the account's ledger), and runs the
    /// <see cref="ChainIntentSender"/> that signs with the app's own key. Settled intents are published as
    /// <typeparamref name="TSettled"/> through the outbox, so the table must also be an outbox table.
    /// </summary>
    public static IServiceCollection AddChainIntents<TSettled>(this IServiceCollection services, string table)
        where TSettled : ChainIntentSettled, IIntegrationEvent, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        services.AddOptions<ChainIntentOptions>().BindConfiguration(ChainIntentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChainFeeOptions>().BindConfiguration(ChainFeeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new ChainIntentSignal(provider.GetRequiredService<TableStores>().FullName(table)));
        services.AddChainSigner();
        services.TryAddSingleton<ChainIntentStatus>();
        services.TryAddSingleton<IChainIntentBacklog>(provider => provider.GetRequiredService<ChainIntentStatus>());
        services.TryAddSingleton<IChainIntentEventPublisher, ChainIntentEventPublisher<TSettled>>();
        services.TryAddSingleton<ChainIntentSender>();
        services.TryAddSingleton<ChainTransactionListing>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChainIntentSender>(provider => provider.GetRequiredService<ChainIntentSender>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyCheck, ChainIntentsDependencyCheck>());
        return services;
    }
}
