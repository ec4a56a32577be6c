using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>The outbox rows of the app's tables, as the dispatcher reads and marks them.</summary>
public interface IOutboxStore
{
    /// <summary>Unsent rows of a table (name without prefix), oldest first; of one partition when given.</summary>
    Task<IReadOnlyList<OutboxMessage>> FindPendingAsync(string table, string? partitionKey, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a row sent, with the ETag it was read with. Returns false when the row changed since
    /// (another dispatcher marked it first).
    /// </summary>
    Task<bool> MarkSentAsync(string table, OutboxMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
