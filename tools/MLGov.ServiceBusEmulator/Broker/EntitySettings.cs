namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>The per-entity settings a message store enforces.</summary>
internal sealed record EntitySettings(
    TimeSpan LockDuration,
    int MaxDeliveryCount,
    TimeSpan DefaultMessageTimeToLive,
    bool DeadLetteringOnMessageExpiration)
{
    /// <summary>False for dead-letter queues: messages there never expire, whatever time to live they carry.</summary>
    public bool HonorsMessageTimeToLive { get; init; } = true;

    /// <summary>Azure Service Bus defaults: 1 minute lock, 10 deliveries, no expiry, expired messages dropped.</summary>
    public static EntitySettings Default { get; } = new(TimeSpan.FromMinutes(1), 10, TimeSpan.MaxValue, false);

    /// <summary>A dead-letter queue keeps messages until received: no expiry, no delivery limit.</summary>
    public EntitySettings ForDeadLetterQueue() => this with
    {
        MaxDeliveryCount = int.MaxValue,
        DefaultMessageTimeToLive = TimeSpan.MaxValue,
        DeadLetteringOnMessageExpiration = false,
        HonorsMessageTimeToLive = false,
    };
}
