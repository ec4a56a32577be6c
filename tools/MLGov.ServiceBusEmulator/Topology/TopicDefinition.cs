namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>A topic, its settings and its subscriptions.</summary>
public sealed record TopicDefinition
{
    /// <summary>Topic name (the entity path).</summary>
    public required string Name { get; init; }

    /// <summary>Apps that publish to the topic (used by the Bicep role assignments; ignored by the emulator).</summary>
    public IReadOnlyList<string> Publishers { get; init; } = [];

    /// <summary>Time to live of a message that sets none (and the cap for one that sets a longer one).</summary>
    public TimeSpan? DefaultMessageTimeToLive { get; init; }

    /// <summary>Whether a second message with the same MessageId within the window is dropped.</summary>
    public bool RequiresDuplicateDetection { get; init; }

    /// <summary>How long message ids are remembered for duplicate detection.</summary>
    public TimeSpan? DuplicateDetectionHistoryTimeWindow { get; init; }

    /// <summary>Subscriptions of the topic.</summary>
    public IReadOnlyList<SubscriptionDefinition> Subscriptions { get; init; } = [];
}
