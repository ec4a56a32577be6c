using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>
/// A processed event. Either a row in the handler's own partition, written in the same transaction as
/// its state change (row key <c>~inbox~{consumer}~{eventId}</c>), or a row of the app's inbox
/// partition (<c>inbox:{consumer}</c>, row key = event id), written after the handler returned.
/// </summary>
public sealed class InboxEntry : ITableEntity
{
    /// <summary>Inbox rows in a handler's partition sort after its own rows (keys from '~' are reserved).</summary>
    public const string RowKeyPrefix = "~inbox~";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    public string Consumer { get; set; } = string.Empty;

    public DateTimeOffset HandledAt { get; set; }

    public static string BatchRowKey(EventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RowKeyPrefix + context.Consumer + "~" + context.EventId;
    }

    internal static InboxEntry For(string partitionKey, string rowKey, EventContext context, DateTimeOffset handledAt) => new()
    {
        PartitionKey = partitionKey,
        RowKey = rowKey,
        EventId = context.EventId,
        EventType = context.EventType,
        Consumer = context.Consumer,
        HandledAt = handledAt,
    };
}
