using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>The namespace: every queue, topic and subscription of a topology, found by AMQP address.</summary>
internal sealed partial class MessageBroker : IDisposable
{
    public const string DeadLetterQueueSegment = "$DeadLetterQueue";
    public const string TransferSegment = "$Transfer";
    public const string SubscriptionsSegment = "Subscriptions";
    public const string ManagementSegment = "$management";

    private static readonly TimeSpan DefaultDuplicateWindow = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, QueueEntity> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TopicEntity> _topics = new(StringComparer.OrdinalIgnoreCase);

    public MessageBroker(ServiceBusTopology topology, TimeProvider time, ILoggerFactory loggerFactory)
    {
        TopologyLoader.Validate(topology);
        ILogger logger = loggerFactory.CreateLogger("MLGov.ServiceBusEmulator.Broker");
        foreach (QueueDefinition queue in topology.Queues)
        {
            var settings = new EntitySettings(
                queue.LockDuration ?? EntitySettings.Default.LockDuration,
                queue.MaxDeliveryCount ?? EntitySettings.Default.MaxDeliveryCount,
                queue.DefaultMessageTimeToLive ?? EntitySettings.Default.DefaultMessageTimeToLive,
                queue.DeadLetteringOnMessageExpiration);
            _queues[queue.Name] = new QueueEntity(
                queue.Name,
                CreateStore(queue.Name, settings, time, logger),
                new MessageStore($"{queue.Name}/{TransferSegment}/{DeadLetterQueueSegment}", settings.ForDeadLetterQueue(), null, time, logger),
                queue.RequiresDuplicateDetection,
                queue.DuplicateDetectionHistoryTimeWindow ?? DefaultDuplicateWindow,
                time);
        }

        foreach (TopicDefinition topic in topology.Topics)
        {
            var subscriptions = new List<SubscriptionEntity>();
            foreach (SubscriptionDefinition subscription in topic.Subscriptions)
            {
                string path = $"{topic.Name}/{SubscriptionsSegment}/{subscription.Name}";
                var settings = new EntitySettings(
                    subscription.LockDuration ?? EntitySettings.Default.LockDuration,
                    subscription.MaxDeliveryCount ?? EntitySettings.Default.MaxDeliveryCount,
                    subscription.DefaultMessageTimeToLive ?? topic.DefaultMessageTimeToLive ?? EntitySettings.Default.DefaultMessageTimeToLive,
                    subscription.DeadLetteringOnMessageExpiration);
                subscriptions.Add(new SubscriptionEntity(
                    topic.Name,
                    subscription.Name,
                    [.. subscription.Rules.Select(r => new CorrelationRule(r))],
                    CreateStore(path, settings, time, logger),
                    new MessageStore($"{path}/{TransferSegment}/{DeadLetterQueueSegment}", settings.ForDeadLetterQueue(), null, time, logger)));
            }

            _topics[topic.Name] = new TopicEntity(
                topic.Name,
                subscriptions,
                topic.RequiresDuplicateDetection,
                topic.DuplicateDetectionHistoryTimeWindow ?? DefaultDuplicateWindow,
                time,
                ex => LogTopicTimerFailed(logger, ex, topic.Name));
        }
    }

    public IEnumerable<QueueEntity> Queues => _queues.Values;

    public IEnumerable<TopicEntity> Topics => _topics.Values;

    /// <summary>
    /// Turns a link address into an entity path: drops scheme and host, URL-decodes, trims slashes.
    /// <c>amqp://localhost/orders</c> and <c>/orders</c> both give <c>orders</c>.
    /// </summary>
    public static string NormalizeAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        string path = address;
        int schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            int pathStart = path.IndexOf('/', schemeEnd + 3);
            path = pathStart < 0 ? string.Empty : path[pathStart..];
        }

        return Uri.UnescapeDataString(path).Trim('/');
    }

    /// <summary>True when the address is a management node (<c>entity/$management</c>); gives the entity part.</summary>
    public static bool IsManagementAddress(string path, out string entityPath)
    {
        string suffix = "/" + ManagementSegment;
        if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            entityPath = path[..^suffix.Length];
            return true;
        }

        entityPath = path;
        return false;
    }

    public ResolvedEntity? Resolve(string path)
    {
        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        if (_queues.TryGetValue(segments[0], out QueueEntity? queue))
        {
            return segments.Length switch
            {
                1 => new ResolvedEntity(queue.Name, queue.Store, queue),
                2 when IsSegment(segments[1], DeadLetterQueueSegment) => new ResolvedEntity(queue.DeadLetterQueue.Path, queue.DeadLetterQueue, null),
                3 when IsSegment(segments[1], TransferSegment) && IsSegment(segments[2], DeadLetterQueueSegment) =>
                    new ResolvedEntity(queue.TransferDeadLetterQueue.Path, queue.TransferDeadLetterQueue, null),
                _ => null,
            };
        }

        if (!_topics.TryGetValue(segments[0], out TopicEntity? topic))
        {
            return null;
        }

        if (segments.Length == 1)
        {
            return new ResolvedEntity(topic.Name, null, topic);
        }

        if (segments.Length < 3 || !IsSegment(segments[1], SubscriptionsSegment))
        {
            return null;
        }

        SubscriptionEntity? subscription = topic.FindSubscription(segments[2]);
        if (subscription is null)
        {
            return null;
        }

        return segments.Length switch
        {
            3 => new ResolvedEntity(subscription.Store.Path, subscription.Store, null),
            4 when IsSegment(segments[3], DeadLetterQueueSegment) => new ResolvedEntity(subscription.DeadLetterQueue.Path, subscription.DeadLetterQueue, null),
            5 when IsSegment(segments[3], TransferSegment) && IsSegment(segments[4], DeadLetterQueueSegment) =>
                new ResolvedEntity(subscription.TransferDeadLetterQueue.Path, subscription.TransferDeadLetterQueue, null),
            _ => null,
        };
    }

    /// <summary>Counts for every queue and subscription.</summary>
    public IReadOnlyList<EntityRuntimeInfo> GetEntityInfo()
    {
        var result = new List<EntityRuntimeInfo>();
        foreach (QueueEntity queue in _queues.Values)
        {
            result.Add(Describe(queue.Store, queue.DeadLetterQueue));
        }

        foreach (TopicEntity topic in _topics.Values)
        {
            foreach (SubscriptionEntity subscription in topic.Subscriptions)
            {
                result.Add(Describe(subscription.Store, subscription.DeadLetterQueue));
            }
        }

        return result;
    }

    public static EntityRuntimeInfo Describe(MessageStore store, MessageStore? deadLetterQueue)
    {
        (int active, int locked, int deferred, int scheduled) = store.GetCounts();
        int deadLettered = 0;
        if (deadLetterQueue is not null)
        {
            (int dlActive, int dlLocked, int dlDeferred, _) = deadLetterQueue.GetCounts();
            deadLettered = dlActive + dlLocked + dlDeferred;
        }

        return new EntityRuntimeInfo(store.Path, active, locked, deferred, scheduled, deadLettered);
    }

    public void Dispose()
    {
        foreach (QueueEntity queue in _queues.Values)
        {
            queue.Dispose();
        }

        foreach (TopicEntity topic in _topics.Values)
        {
            topic.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Topic}: the schedule timer failed")]
    private static partial void LogTopicTimerFailed(ILogger logger, Exception exception, string topic);

    private static bool IsSegment(string actual, string expected) =>
        string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);

    private static MessageStore CreateStore(string path, EntitySettings settings, TimeProvider time, ILogger logger)
    {
        var deadLetterQueue = new MessageStore($"{path}/{DeadLetterQueueSegment}", settings.ForDeadLetterQueue(), null, time, logger);
        return new MessageStore(path, settings, deadLetterQueue, time, logger);
    }
}
