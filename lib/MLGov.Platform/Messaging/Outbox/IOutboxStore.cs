using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>The outbox of the app's tables as the dispatcher sees it: the index (<see cref="OutboxIndex"/>) and the rows it names.</summary>
public interface IOutboxStore
{
    /// <summary>Pending index entries of a table (name without prefix) created before <paramref name="createdBefore"/>, oldest first per shard.</summary>
    Task<IReadOnlyList<OutboxIndexEntry>> ListPendingAsync(string table, DateTimeOffset createdBefore, int max, CancellationToken cancellationToken);

    /// <summary>The outbox rows an index entry names that exist (none when its commit never happened).</summary>
    Task<IReadOnlyList<OutboxMessage>> ReadRowsAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the entries' events were sent: moves each to the sent range with the ETag it was
    /// read or written with. Per entry, false when it changed since (another dispatcher recorded it first).
    /// </summary>
    Task<IReadOnlyList<bool>> MarkSentAsync(string table, IReadOnlyList<OutboxIndexEntry> entries, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Removes a pending entry whose commit never happened. False when it changed since.</summary>
    Task<bool> DiscardAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes the rows and index entries of events sent before <paramref name="sentBefore"/>; returns how many rows went.</summary>
    Task<int> PruneAsync(string table, DateTimeOffset sentBefore, int max, CancellationToken cancellationToken);
}
