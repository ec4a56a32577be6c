using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>Records the handled event in the same transaction as the handler's state change.</summary>
public static class InboxBatchExtensions
{
    /// <summary>
    /// Adds an inbox row for the event to the batch. If the event was handled before, the commit fails
    /// (the row exists) and changes nothing; the consumer sees that and completes the message as a duplicate.
    /// </summary>
    public static PartitionBatch RecordInbox(this PartitionBatch batch, EventContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        var rowKey = InboxEntry.BatchRowKey(context);
        batch.Add(InboxEntry.For(batch.PartitionKey, rowKey, context, DateTimeOffset.UtcNow));
        context.AddInboxRow(batch, rowKey);
        return batch;
    }
}
