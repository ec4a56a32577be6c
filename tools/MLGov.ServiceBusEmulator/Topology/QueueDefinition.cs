namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>A queue and its settings. Defaults follow Azure Service Bus.</summary>
public sealed record QueueDefinition
{
    /// <summary>Queue name (the entity path).</summary>
    public required string Name { get; init; }

    /// <summary>Apps that send to the queue (used by the Bicep role assignments; ignored by the emulator).</summary>
    public IReadOnlyList<string> Publishers { get; init; } = [];

    /// <summary>App that receives from the queue (used by the Bicep role assignments; ignored by the emulator).</summary>
    public string? Subscriber { get; init; }

    /// <summary>Time to live of a message that sets none (and the cap for one that sets a longer one).</summary>
    public TimeSpan? DefaultMessageTimeToLive { get; init; }

    /// <summary>Whether a second message with the same MessageId within the window is dropped.</summary>
    public bool RequiresDuplicateDetection { get; init; }

    /// <summary>How long message ids are remembered for duplicate detection.</summary>
    public TimeSpan? DuplicateDetectionHistoryTimeWindow { get; init; }

    /// <summary>Deliveries after which a message is dead-lettered with reason MaxDeliveryCountExceeded.</summary>
    public int? MaxDeliveryCount { get; init; }

    /// <summary>How long a peek-lock receiver holds a message.</summary>
    public TimeSpan? LockDuration { get; init; }

    /// <summary>Whether expired messages move to the dead-letter queue instead of being dropped.</summary>
    public bool DeadLetteringOnMessageExpiration { get; init; }
}
