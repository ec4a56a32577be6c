namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>A topic subscription: its settings and the rules that pick the messages it gets.</summary>
public sealed record SubscriptionDefinition
{
    /// <summary>Subscription name; the entity path is <c>topic/Subscriptions/name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>App that receives from the subscription (used by the Bicep role assignments; ignored by the emulator).</summary>
    public string? Subscriber { get; init; }

    /// <summary>Deliveries after which a message is dead-lettered with reason MaxDeliveryCountExceeded.</summary>
    public int? MaxDeliveryCount { get; init; }

    /// <summary>How long a peek-lock receiver holds a message.</summary>
    public TimeSpan? LockDuration { get; init; }

    /// <summary>Time to live of a message that sets none (defaults to the topic's).</summary>
    public TimeSpan? DefaultMessageTimeToLive { get; init; }

    /// <summary>Whether expired messages move to the dead-letter queue instead of being dropped.</summary>
    public bool DeadLetteringOnMessageExpiration { get; init; }

    /// <summary>Rules; a message is copied to the subscription when any rule matches. No rules: every message.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];
}
