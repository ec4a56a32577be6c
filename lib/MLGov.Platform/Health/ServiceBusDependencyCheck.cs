using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Consuming;

namespace MLGov.Platform.Health;

/// <summary>
/// Service Bus is healthy when a sender link to the app's own topic opens (a connection, the token
/// accepted, the topic exists). The report also counts the dead-lettered messages of each subscription
/// the app consumes, by peeking the dead-letter queue over AMQP (no management rights needed; works
/// against Azure and the emulator alike). Dead letters need an operator but do not make the app unhealthy.
/// </summary>
public sealed class ServiceBusDependencyCheck : IDependencyCheck
{
    /// <summary>Counting stops here; the report then says "at least".</summary>
    public const int MaxCounted = 1000;

    private const int PeekPage = 250;

    private readonly ServiceBusClient _client;
    private readonly string _topic;
    private readonly IReadOnlyList<ServiceBusEntity> _subscriptions;

    public ServiceBusDependencyCheck(ServiceBusClient client, IOptions<AppOptions> app, IEnumerable<EventHandlerRegistration> handlers)
    {
        ArgumentNullException.ThrowIfNull(app);
        _client = client;
        _topic = EventTopics.Of(app.Value.Name);
        _subscriptions = handlers.Select(h => h.Subscription).Distinct().ToList();
    }

    public string Name => "serviceBus";

    public async Task<DependencyStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var sender = _client.CreateSender(_topic);
        await using (sender.ConfigureAwait(false))
        {
            // Creating a batch opens the sender link to learn the maximum message size; nothing is sent.
            using var probe = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
        }

        var deadLetters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var subscription in _subscriptions)
        {
            deadLetters[subscription.Path] = await CountDeadLettersAsync(_client, subscription, MaxCounted, cancellationToken).ConfigureAwait(false);
        }

        var details = new Dictionary<string, object>
        {
            ["namespace"] = _client.FullyQualifiedNamespace,
            ["topic"] = _topic,
            ["deadLetters"] = deadLetters,
            ["deadLetterTotal"] = deadLetters.Values.Sum(),
        };
        return new DependencyStatus(true, watch.ElapsedMilliseconds, Details: details);
    }

    /// <summary>Messages in an entity's dead-letter queue, counted by peeking (at most <paramref name="max"/>).</summary>
    public static async Task<int> CountDeadLettersAsync(ServiceBusClient client, ServiceBusEntity entity, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(entity);
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter };
        var receiver = entity.Subscription is null
            ? client.CreateReceiver(entity.QueueOrTopic, options)
            : client.CreateReceiver(entity.QueueOrTopic, entity.Subscription, options);
        await using (receiver.ConfigureAwait(false))
        {
            var count = 0;
            long next = 0;
            while (count < max)
            {
                var page = await receiver.PeekMessagesAsync(Math.Min(PeekPage, max - count), next, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                count += page.Count;
                next = page[^1].SequenceNumber + 1;
            }

            return count;
        }
    }
}
