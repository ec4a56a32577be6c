using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.ServiceBusEmulator.Tests;

/// <summary>Entities for the tests, one (or a few) per test so tests never share messages.</summary>
internal static class TestTopology
{
    public static readonly TimeSpan ShortLock = TimeSpan.FromSeconds(2);

    public static ServiceBusTopology Create() => new()
    {
        Queues =
        [
            Queue("send-receive"),
            Queue("round-trip"),
            Queue("complete"),
            Queue("abandon"),
            Queue("dead-letter"),
            Queue("max-delivery", maxDeliveryCount: 2),
            Queue("renew-lock", lockDuration: ShortLock),
            Queue("lock-expiry", lockDuration: ShortLock),
            Queue("duplicates", requiresDuplicateDetection: true),
            Queue("scheduled"),
            Queue("scheduled-cancel"),
            Queue("peek"),
            Queue("receive-delete"),
            Queue("ttl-drop"),
            Queue("ttl-dead-letter", deadLetteringOnMessageExpiration: true),
            Queue("ttl-entity", defaultTimeToLive: TimeSpan.FromSeconds(1)),
            Queue("processor"),
            Queue("batch"),
            Queue("defer"),
            Queue("admin"),
            Queue("value-body"),
            Queue("settle-elsewhere"),
            Queue("bulk"),
            Queue("prefetch-release"),
            .. PrefetchTests.Cases.Select(c => Queue(PrefetchTests.EntityName(c))),
            Queue(PrefetchTests.ProcessorQueue),
            Queue(PrefetchTests.HeldQueue, lockDuration: ShortLock),
            Queue(PrefetchTests.NeglectQueue, lockDuration: ShortLock),
            Queue(PrefetchTests.ThroughputQueue),
            Queue(LinkCreditTests.Queue),
        ],
        Topics =
        [
            new TopicDefinition
            {
                Name = "fan-out",
                Subscriptions =
                [
                    Subscription("all"),
                    Subscription("breaches", new CorrelationFilterDefinition { Subject = "sla.breached" }),
                    Subscription("other", new CorrelationFilterDefinition { Subject = "something.else" }),
                ],
            },
            new TopicDefinition
            {
                Name = "correlation",
                Subscriptions =
                [
                    Subscription("by-properties", new CorrelationFilterDefinition
                    {
                        CorrelationId = "c-1",
                        ContentType = "application/json",
                        Properties = new Dictionary<string, string> { ["tenant"] = "acme" },
                    }),
                ],
            },
            new TopicDefinition
            {
                Name = "scheduled-topic",
                Subscriptions = [Subscription("sub")],
            },
            new TopicDefinition
            {
                Name = "topic-dead-letter",
                Subscriptions = [Subscription("sub")],
            },
            new TopicDefinition
            {
                Name = PrefetchTests.HeldTopic,
                Subscriptions = [Subscription(PrefetchTests.SubscriptionName, lockDuration: ShortLock)],
            },
            .. PrefetchTests.Cases.Select(c => new TopicDefinition
            {
                Name = PrefetchTests.EntityName(c, topic: true),
                Subscriptions = [Subscription(PrefetchTests.SubscriptionName)],
            }),
        ],
    };

    private static QueueDefinition Queue(
        string name,
        int maxDeliveryCount = 10,
        TimeSpan? lockDuration = null,
        bool requiresDuplicateDetection = false,
        bool deadLetteringOnMessageExpiration = false,
        TimeSpan? defaultTimeToLive = null) => new()
        {
            Name = name,
            MaxDeliveryCount = maxDeliveryCount,
            LockDuration = lockDuration ?? TimeSpan.FromSeconds(30),
            RequiresDuplicateDetection = requiresDuplicateDetection,
            DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(1),
            DeadLetteringOnMessageExpiration = deadLetteringOnMessageExpiration,
            DefaultMessageTimeToLive = defaultTimeToLive,
        };

    private static SubscriptionDefinition Subscription(string name, CorrelationFilterDefinition? filter = null, TimeSpan? lockDuration = null) => new()
    {
        Name = name,
        LockDuration = lockDuration ?? TimeSpan.FromSeconds(30),
        Rules = filter is null ? [] : [new RuleDefinition { Name = "filter", CorrelationFilter = filter }],
    };
}
