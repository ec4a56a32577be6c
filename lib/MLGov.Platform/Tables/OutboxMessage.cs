using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>
/// An event waiting to be published. It is a row in the same table and partition as the state
/// change that caused it, written in the same transaction, so the change and its event commit
/// together or not at all. The row never changes: whether it was sent is recorded in the table's
/// outbox index (<see cref="OutboxIndex"/>), and the row is deleted with its index entry once the
/// duplicate-detection window has passed.
/// </summary>
public sealed class OutboxMessage : ITableEntity
{
    /// <summary>
    /// Outbox rows sort after the partition's own rows and are found by this prefix. Row keys starting
    /// with '~' are reserved for the platform (outbox, inbox).
    /// </summary>
    public const string RowKeyPrefix = "~outbox~";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The event id; sent as the Service Bus MessageId so duplicate detection absorbs a resend.</summary>
    public string EventId { get; set; } = string.Empty;

    /// <summary>The topic or queue the event goes to.</summary>
    public string Destination { get; set; } = string.Empty;

    /// <summary>The versioned event type, for example com.mlgov.risk.sla.breached.v1.</summary>
    public string EventType { get; set; } = string.Empty;

    /// <summary>The event's serialized envelope, exactly as it will be sent.</summary>
    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The longest payload a row takes: a Table string property holds at most 32K UTF-16 characters.</summary>
    public const int MaxPayloadLength = 32 * 1024;

    public static OutboxMessage Create(string partitionKey, string eventId, string destination, string eventType, string payload, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"The {eventType} event is {payload.Length} characters; an outbox row holds at most {MaxPayloadLength}.", nameof(payload));
        }

        return new OutboxMessage
        {
            PartitionKey = partitionKey,
            RowKey = RowKeyPrefix + eventId,
            EventId = eventId,
            Destination = destination,
            EventType = eventType,
            Payload = payload,
            CreatedAt = createdAt,
        };
    }
}
