using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>
/// Domain records of one type in one table, stored with <see cref="RecordRows"/>: read by key with
/// their ETag, written through partition batches together with outbox and inbox rows.
/// </summary>
public sealed class RecordStore<TRecord>
    where TRecord : class
{
    private readonly TableStore<TableEntity> _rows;

    internal RecordStore(TableStore<TableEntity> rows)
    {
        _rows = rows;
    }

    public string TableName => _rows.TableName;

    /// <summary>The record at these keys, or null when there is none.</summary>
    public async Task<StoredRecord<TRecord>?> FindAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _rows.FindAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        return row is null ? null : Stored(row);
    }

    /// <summary>Every record matching an OData filter (null or empty: all), with its ETag; the platform's rows are never among them.</summary>
    public async IAsyncEnumerable<StoredRecord<TRecord>> QueryAsync(string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in _rows.QueryAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            yield return Stored(row);
        }
    }

    /// <summary>
    /// One page of the records matching a filter, in key order, the platform's rows excluded:
    /// <c>(await store.PageAsync(TableFilters.PartitionStartsWith("incidents:"), page, ct)).Select(r =&gt; r.Value)</c>.
    /// </summary>
    public async Task<Page<StoredRecord<TRecord>>> PageAsync(string? filter, PageRequest page, CancellationToken cancellationToken) =>
        (await _rows.PageAsync(filter, page, cancellationToken).ConfigureAwait(false)).Select(Stored);

    /// <summary>Starts an atomic write within one partition of this table.</summary>
    public Task<PartitionBatch> BatchAsync(string partitionKey, CancellationToken cancellationToken) =>
        _rows.BatchAsync(partitionKey, cancellationToken);

    private static StoredRecord<TRecord> Stored(TableEntity row) =>
        new(RecordRows.ToRecord<TRecord>(row), row.PartitionKey, row.RowKey, row.ETag);
}
