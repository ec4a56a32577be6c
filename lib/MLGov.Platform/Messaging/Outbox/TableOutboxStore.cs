using Azure;
using Azure.Data.Tables;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>
/// The outbox in Azure Tables. Every read is a point read or a row-key range within one index
/// partition, so its cost follows the number of entries it returns: Tables index only
/// PartitionKey+RowKey, and a filter on any other property would scan the table.
/// </summary>
public sealed class TableOutboxStore : IOutboxStore
{
    private readonly TableStores _stores;

    public TableOutboxStore(TableStores stores)
    {
        _stores = stores;
    }

    public async Task<IReadOnlyList<OutboxIndexEntry>> ListPendingAsync(string table, DateTimeOffset createdBefore, int max, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(table, cancellationToken).ConfigureAwait(false);
        var perShard = await Task.WhenAll(OutboxIndex.Partitions.Select(partition =>
            RangeAsync(client, partition, OutboxIndex.PendingPrefix, OutboxIndex.Before(OutboxIndex.PendingPrefix, createdBefore), max, cancellationToken))).ConfigureAwait(false);
        return perShard.SelectMany(entries => entries).OrderBy(e => e.CreatedAt).Take(max).ToList();
    }

    public async Task<IReadOnlyList<OutboxMessage>> ReadRowsAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await ClientAsync(table, cancellationToken).ConfigureAwait(false);
        var rows = await Task.WhenAll(entry.EventIdList.Select(async eventId =>
        {
            var response = await client.GetEntityIfExistsAsync<OutboxMessage>(entry.SourcePartition, OutboxMessage.RowKeyPrefix + eventId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        })).ConfigureAwait(false);
        return rows.OfType<OutboxMessage>().ToList();
    }

    /// <remarks>
    /// Entries of one index partition move together, up to 50 per transaction (a delete and an insert
    /// each), so under load recording costs a request per shard and pass rather than per commit. If
    /// such a transaction fails (one entry recorded elsewhere), its entries are retried one by one.
    /// </remarks>
    public async Task<IReadOnlyList<bool>> MarkSentAsync(string table, IReadOnlyList<OutboxIndexEntry> entries, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var client = await ClientAsync(table, cancellationToken).ConfigureAwait(false);
        var results = new bool[entries.Count];
        var chunks = entries
            .Select((entry, index) => (Entry: entry, Index: index))
            .GroupBy(e => e.Entry.PartitionKey, StringComparer.Ordinal)
            .SelectMany(shard => shard.Chunk(TableTransactionLimit / 2));
        await Task.WhenAll(chunks.Select(async chunk =>
        {
            if (chunk.Length > 1 && await MoveAsync(client, chunk.Select(c => c.Entry).ToList(), sentAt, cancellationToken).ConfigureAwait(false))
            {
                foreach (var (_, index) in chunk)
                {
                    results[index] = true;
                }

                return;
            }

            foreach (var (entry, index) in chunk)
            {
                results[index] = await MoveAsync(client, [entry], sentAt, cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        return results;
    }

    private const int TableTransactionLimit = 100;

    private static async Task<bool> MoveAsync(TableClient client, IReadOnlyList<OutboxIndexEntry> entries, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        try
        {
            await client.SubmitTransactionAsync(
                entries.SelectMany(entry => new[]
                {
                    new TableTransactionAction(TableTransactionActionType.Delete, entry, entry.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, entry.Sent(sentAt)),
                }),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    public async Task<bool> DiscardAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await ClientAsync(table, cancellationToken).ConfigureAwait(false);
        try
        {
            // A missing entity is answered with 404 without an exception.
            var response = await client.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status is 412)
        {
            return false;
        }
    }

    public async Task<int> PruneAsync(string table, DateTimeOffset sentBefore, int max, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(table, cancellationToken).ConfigureAwait(false);
        var pruned = 0;
        foreach (var partition in OutboxIndex.Partitions)
        {
            var entries = await RangeAsync(client, partition, OutboxIndex.SentPrefix, OutboxIndex.Before(OutboxIndex.SentPrefix, sentBefore), max, cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                // The rows never change after their commit, so they go unconditionally (a missing one
                // is answered 404, not thrown); the entry goes last, so a crash in between leaves it
                // to name rows that the next pass deletes.
                foreach (var eventId in entry.EventIdList)
                {
                    var deleted = await client.DeleteEntityAsync(entry.SourcePartition, OutboxMessage.RowKeyPrefix + eventId, ETag.All, cancellationToken).ConfigureAwait(false);
                    pruned += deleted.Status == 404 ? 0 : 1;
                }

                await client.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }

        return pruned;
    }

    private static async Task<List<OutboxIndexEntry>> RangeAsync(TableClient client, string partition, string from, string before, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {before}");
        var entries = new List<OutboxIndexEntry>();
        await foreach (var entry in client.QueryAsync<OutboxIndexEntry>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
            if (entries.Count == max)
            {
                break;
            }
        }

        return entries;
    }

    private async Task<TableClient> ClientAsync(string table, CancellationToken cancellationToken)
    {
        var client = _stores.Client(table);
        await _stores.EnsureCreatedAsync(client, cancellationToken).ConfigureAwait(false);
        return client;
    }
}
