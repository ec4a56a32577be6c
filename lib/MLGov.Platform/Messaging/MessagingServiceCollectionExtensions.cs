using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Health;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging;

/// <summary>Service Bus registration: the client and health check (every app), the outbox and event handlers (per app).</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>The client (connection string or managed identity), options, event catalog, inbox and health check.</summary>
    public static IServiceCollection AddMLGovServiceBus(this IServiceCollection services)
    {
        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(CreateClient);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton(EventCatalog.Platform);
        services.TryAddSingleton<InboxStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyCheck, ServiceBusDependencyCheck>());
        return services;
    }

    /// <summary>
    /// Declares the tables (names without prefix) in which the app publishes events with
    /// <c>batch.Publish(event)</c>, and runs the outbox dispatcher that sends them.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, params string[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        services.AddOptions<OutboxTables>().Configure(o =>
        {
            foreach (var table in tables)
            {
                o.Names.Add(table);
            }
        });
        services.TryAddSingleton<IOutboxStore, TableOutboxStore>();
        services.TryAddSingleton<OutboxStatus>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyCheck, OutboxDependencyCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDispatcher>(provider => provider.GetRequiredService<OutboxDispatcher>()));
        return services;
    }

    /// <summary>
    /// Handles <typeparamref name="TEvent"/> received through a subscription of its topic (the
    /// subscription's name in infra/servicebus/topology.json); starts the consumer.
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string subscription)
        where TEvent : IIntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        var registration = EventHandlerRegistration.Create<TEvent, THandler>(subscription);
        if (services.Any(d => d.ImplementationInstance is EventHandlerRegistration existing && existing.HandlerKey == registration.HandlerKey))
        {
            throw new InvalidOperationException($"{TEvent.EventType} already has a handler on {registration.Subscription.Path}.");
        }

        services.AddSingleton(registration);
        services.AddKeyedScoped<IEventHandler<TEvent>, THandler>(registration.HandlerKey);
        services.TryAddSingleton<EventConsumerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EventConsumerService>(provider => provider.GetRequiredService<EventConsumerService>()));
        return services;
    }

    private static ServiceBusClient CreateClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
        var app = provider.GetService<IOptions<AppOptions>>()?.Value.Name;
        var clientOptions = new ServiceBusClientOptions { Identifier = string.IsNullOrEmpty(app) ? null : "mlgov-" + app };
        return options.FullyQualifiedNamespace is { Length: > 0 } host
            ? new ServiceBusClient(host, new DefaultAzureCredential(), clientOptions)
            : new ServiceBusClient(options.ConnectionString, clientOptions);
    }
}
