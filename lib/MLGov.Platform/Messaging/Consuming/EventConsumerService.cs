using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>
/// Runs one <see cref="ServiceBusProcessor"/> per subscription the app has handlers for (the Functions
/// Service Bus trigger is not available here, so the app consumes in a hosted service), with manual
/// settlement through <see cref="EventMessagePipeline"/>.
/// </summary>
public sealed partial class EventConsumerService : IHostedService, IAsyncDisposable
{
    private readonly ServiceBusClient _client;
    private readonly IReadOnlyList<EventHandlerRegistration> _registrations;
    private readonly EventCatalog _catalog;
    private readonly InboxStore _inbox;
    private readonly IServiceScopeFactory _scopes;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<EventConsumerService> _logger;
    private readonly List<ServiceBusProcessor> _processors = [];

    public EventConsumerService(
        ServiceBusClient client,
        IEnumerable<EventHandlerRegistration> registrations,
        EventCatalog catalog,
        InboxStore inbox,
        IServiceScopeFactory scopes,
        IOptions<MessagingOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _client = client;
        _registrations = registrations.ToList();
        _catalog = catalog.With(_registrations.Select(r => r.Event));
        _inbox = inbox;
        _scopes = scopes;
        _options = options.Value;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<EventConsumerService>();
    }

    /// <summary>The subscriptions consumed, as topic/Subscriptions/name.</summary>
    public IReadOnlyList<ServiceBusEntity> Subscriptions => _registrations.Select(r => r.Subscription).Distinct().ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var group in _registrations.GroupBy(r => r.Subscription))
        {
            var duplicate = group.GroupBy(r => r.Event.Type, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidOperationException($"Event type '{duplicate.Key}' has more than one handler on {group.Key.Path}.");
            }

            var subscription = group.Key;
            var pipeline = new EventMessagePipeline(
                subscription,
                group.ToDictionary(r => r.Event.Type, StringComparer.Ordinal),
                _catalog,
                _inbox,
                _scopes,
                _options,
                _time,
                _loggerFactory.CreateLogger<EventMessagePipeline>());
            var (concurrency, prefetch, lockRenewal) = _options.For(subscription);
            var processor = _client.CreateProcessor(subscription.QueueOrTopic, subscription.Subscription, new ServiceBusProcessorOptions
            {
                AutoCompleteMessages = false,
                ReceiveMode = ServiceBusReceiveMode.PeekLock,
                MaxConcurrentCalls = concurrency,
                PrefetchCount = prefetch,
                MaxAutoLockRenewalDuration = lockRenewal,
            });
            processor.ProcessMessageAsync += pipeline.ProcessAsync;
            processor.ProcessErrorAsync += args =>
            {
                LogProcessorError(_logger, args.Exception, subscription.Path, args.ErrorSource.ToString());
                return Task.CompletedTask;
            };
            _processors.Add(processor);
            await processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
            var eventTypes = string.Join(", ", group.Select(r => r.Event.Type));
            LogStarted(_logger, subscription.Path, eventTypes, concurrency, prefetch);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var processor in _processors)
        {
            await processor.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in _processors)
        {
            await processor.DisposeAsync().ConfigureAwait(false);
        }

        _processors.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Subscription} for {EventTypes}: {MaxConcurrentCalls} at once, prefetch {PrefetchCount}")]
    private static partial void LogStarted(ILogger logger, string subscription, string eventTypes, int maxConcurrentCalls, int prefetchCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus processor of {Subscription} reported an error ({ErrorSource})")]
    private static partial void LogProcessorError(ILogger logger, Exception exception, string subscription, string errorSource);
}
