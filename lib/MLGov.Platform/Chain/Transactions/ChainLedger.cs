using Azure;
using Azure.Data.Tables;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// The account's ledger in the app's intent table: partition <c>~ledger~{chain id}~{address}</c> holds
/// <list type="bullet">
/// <item>the nonce row (<c>nonce</c>, the next nonce to give out), changed only under its ETag, so two
/// instances never give out the same nonce;</item>
/// <item>an admission marker per intent (<c>i~{intent id}</c>), written with the nonce, so an intent is
/// never given a second nonce;</item>
/// <item>a transaction row per nonce (<see cref="ChainTransactionRow"/>).</item>
/// </list>
/// Admitting intents writes all three in one entity group transaction. It also reads and deletes the
/// intent index (<see cref="ChainIntentIndex"/>) of the same table.
/// </summary>
public sealed class ChainLedger
{
    public const string NonceRowKey = "nonce";

    public const string MarkerPrefix = "i~";

    private readonly TableStores _stores;
    private readonly TableClient _table;

    public ChainLedger(TableStores stores, string table, long chainId, string address)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentException.ThrowIfNullOrEmpty(address);
        _stores = stores;
        _table = stores.Client(table);
        TableName = table;
        PartitionKey = PartitionOf(chainId, address);
    }

    /// <summary>The table name without prefix.</summary>
    public string TableName { get; }

    public string PartitionKey { get; }

    public static string PartitionOf(long chainId, string address) =>
        "~ledger~" + chainId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "~" + address.ToLowerInvariant();

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _stores.EnsureCreatedAsync(_table, cancellationToken);

    /// <summary>Pending index entries, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ChainIntentIndexEntry>> ListPendingEntriesAsync(int max, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(ChainIntentIndex.Partitions.Select(async partition =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ChainIntentIndex.PendingPrefix} and RowKey lt {OutboxIndex.End(ChainIntentIndex.PendingPrefix)}");
            var entries = new List<ChainIntentIndexEntry>();
            await foreach (var entry in _table.QueryAsync<ChainIntentIndexEntry>(filter, maxPerPage: max, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
                if (entries.Count >= max)
                {
                    break;
                }
            }

            return entries;
        })).ConfigureAwait(false);
        return shards.SelectMany(s => s).OrderBy(e => e.CreatedAt).Take(max).ToList();
    }

    public async Task<ChainIntentRow?> ReadIntentAsync(string sourcePartition, string intentId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<ChainIntentRow>(sourcePartition, ChainIntentRow.RowKeyOf(intentId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes index entries (best effort: an entry left behind is found again and recognised as done).</summary>
    public async Task DeleteEntriesAsync(IEnumerable<ChainIntentIndexEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var shard in entries.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in shard.Chunk(PartitionBatch.MaxOperations))
            {
                try
                {
                    await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException)
                {
                    foreach (var entry in chunk)
                    {
                        await _table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>The nonce row, or null before the first admission.</summary>
    public async Task<TableEntity?> ReadNonceAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, NonceRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    public static long NextOf(TableEntity nonceRow)
    {
        ArgumentNullException.ThrowIfNull(nonceRow);
        return nonceRow.GetInt64("Next") ?? 0;
    }

    /// <summary>Which intents of a list already have a nonce.</summary>
    public async Task<IReadOnlySet<string>> AdmittedAsync(IEnumerable<string> intentIds, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(intentIds.Select(async id =>
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, MarkerPrefix + id, ["RowKey"], cancellationToken).ConfigureAwait(false);
            return response.HasValue ? id : null;
        })).ConfigureAwait(false);
        return found.OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Gives the rows' nonces out in one transaction: the nonce row moves to after the last one (under the
    /// ETag it was read with, or created when <paramref name="nonceRow"/> is null), and each intent gets its
    /// marker and transaction row.
    /// </summary>
    public async Task<AdmissionResult> AdmitAsync(TableEntity? nonceRow, long next, IReadOnlyList<ChainTransactionRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var counter = new TableEntity(PartitionKey, NonceRowKey) { ["Next"] = next };
        var actions = new List<TableTransactionAction>
        {
            nonceRow is null
                ? new TableTransactionAction(TableTransactionActionType.Add, counter)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, nonceRow.ETag),
        };
        foreach (var row in rows)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(PartitionKey, MarkerPrefix + row.IntentId) { ["Nonce"] = row.Nonce, ["SourcePartition"] = row.SourcePartition }));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].ETag = response.Value[2 + (2 * i)].Headers.ETag ?? default;
            }

            return AdmissionResult.Admitted;
        }
        catch (TableTransactionFailedException exception) when (exception.FailedTransactionActionIndex is 0 && exception.Status is 412 or 409)
        {
            return AdmissionResult.NonceTaken;
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            return AdmissionResult.AlreadyAdmitted;
        }
    }

    /// <summary>The active transactions, lowest nonce first.</summary>
    public Task<IReadOnlyList<ChainTransactionRow>> ListActiveAsync(CancellationToken cancellationToken) =>
        RangeAsync(ChainTransactionRow.ActivePrefix, int.MaxValue, cancellationToken);

    /// <summary>Settled transactions, lowest nonce first.</summary>
    public Task<IReadOnlyList<ChainTransactionRow>> ListSettledAsync(int max, CancellationToken cancellationToken) =>
        RangeAsync(ChainTransactionRow.SettledPrefix, max, cancellationToken);

    /// <summary>Writes a row's new state; false when another instance changed it first (re-read next round).</summary>
    public async Task<bool> TryUpdateAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            var response = await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Moves a row from the active to the settled range; false when another instance did it first.</summary>
    public async Task<bool> TryMoveToSettledAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var settled = Copy(row, ChainTransactionRow.SettledKey(row.Nonce));
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, settled),
                ],
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 412 or 404 or 409)
        {
            return false;
        }
    }

    /// <summary>Deletes settled rows (and their intents' markers) settled before <paramref name="before"/>.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var old = (await ListSettledAsync(PartitionBatch.MaxOperations / 2, cancellationToken).ConfigureAwait(false))
            .Where(r => r.SettledAt is { } at && at < before)
            .ToList();
        if (old.Count == 0)
        {
            return 0;
        }

        var actions = old.SelectMany(r => new[]
        {
            new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionKey, MarkerPrefix + r.IntentId), ETag.All),
        });
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return old.Count;
        }
        catch (TableTransactionFailedException)
        {
            return 0;
        }
    }

    private async Task<IReadOnlyList<ChainTransactionRow>> RangeAsync(string prefix, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {prefix} and RowKey lt {OutboxIndex.End(prefix)}");
        var rows = new List<ChainTransactionRow>();
        await foreach (var row in _table.QueryAsync<ChainTransactionRow>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    private static ChainTransactionRow Copy(ChainTransactionRow row, string rowKey)
    {
        var copy = (ChainTransactionRow)row.MemberwiseCloneForLedger();
        copy.RowKey = rowKey;
        copy.ETag = default;
        return copy;
    }
}

/// <summary>How an admission transaction ended.</summary>
public enum AdmissionResult
{
    Admitted,

    /// <summary>Another instance gave out nonces since the nonce row was read: read it again.</summary>
    NonceTaken,

    /// <summary>One of the intents has a nonce already (another instance admitted it).</summary>
    AlreadyAdmitted,
}
