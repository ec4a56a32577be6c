using Microsoft.Azure.Amqp.Encoding;

namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>
/// One copy of a message in one store (a queue, a subscription or a dead-letter queue). Mutable fields are
/// guarded by the owning <see cref="MessageStore"/>'s lock; application properties are replaced, never edited,
/// so a snapshot taken under the lock stays valid outside it.
/// </summary>
internal sealed class StoredMessage
{
    public StoredMessage(MessageContent content, long sequenceNumber, DateTime enqueuedTimeUtc)
    {
        Content = content;
        SequenceNumber = sequenceNumber;
        EnqueuedTimeUtc = enqueuedTimeUtc;
        ApplicationProperties = content.ApplicationProperties;
    }

    public MessageContent Content { get; }

    public long SequenceNumber { get; set; }

    public DateTime EnqueuedTimeUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; } = DateTime.MaxValue;

    public DateTime? ScheduledEnqueueTimeUtc { get; set; }

    /// <summary>Times the message was handed to a receiver, the current delivery included.</summary>
    public int DeliveryCount { get; set; }

    public MessageState State { get; set; }

    public Guid LockToken { get; set; }

    public DateTime LockedUntilUtc { get; set; }

    /// <summary>The receiver that holds the lock, told when the lock ends; null for locks taken through <c>$management</c>.</summary>
    public IMessageConsumer? LockHolder { get; set; }

    public string? DeadLetterSource { get; set; }

    public IReadOnlyList<KeyValuePair<MapKey, object?>> ApplicationProperties { get; private set; }

    public bool IsLocked => LockToken != Guid.Empty;

    /// <summary>Replaces or adds application properties (abandon/defer "properties to modify", dead-letter reasons).</summary>
    public void ModifyApplicationProperties(IEnumerable<KeyValuePair<string, object?>> changes)
    {
        var updated = new List<KeyValuePair<MapKey, object?>>(ApplicationProperties);
        foreach (KeyValuePair<string, object?> change in changes)
        {
            var key = new MapKey(change.Key);
            int index = updated.FindIndex(p => p.Key.Equals(key));
            if (index >= 0)
            {
                updated[index] = new(key, change.Value);
            }
            else
            {
                updated.Add(new(key, change.Value));
            }
        }

        ApplicationProperties = updated;
    }

    /// <summary>A new copy for another store (a dead-letter queue), carrying the count and properties so far.</summary>
    public StoredMessage CopyForDeadLetter()
    {
        var copy = new StoredMessage(Content, 0, EnqueuedTimeUtc)
        {
            DeliveryCount = DeliveryCount,
        };
        copy.ApplicationProperties = ApplicationProperties;
        return copy;
    }

    public MessageSnapshot Snapshot() => new(
        Content,
        ApplicationProperties,
        SequenceNumber,
        EnqueuedTimeUtc,
        ExpiresAtUtc,
        ScheduledEnqueueTimeUtc,
        DeliveryCount,
        State,
        LockToken,
        LockedUntilUtc,
        DeadLetterSource);
}
