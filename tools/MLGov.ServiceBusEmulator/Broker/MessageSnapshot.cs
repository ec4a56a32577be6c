using Microsoft.Azure.Amqp.Encoding;

namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>An immutable view of a stored message at one moment, encoded outside the store's lock.</summary>
internal sealed record MessageSnapshot(
    MessageContent Content,
    IReadOnlyList<KeyValuePair<MapKey, object?>> ApplicationProperties,
    long SequenceNumber,
    DateTime EnqueuedTimeUtc,
    DateTime ExpiresAtUtc,
    DateTime? ScheduledEnqueueTimeUtc,
    int DeliveryCount,
    MessageState State,
    Guid LockToken,
    DateTime LockedUntilUtc,
    string? DeadLetterSource);
