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
        return row is null ? null : new StoredRecord<TRecord>(RecordRows.ToRecord<TRecord>(row), row.PartitionKey, row.RowKey, row.ETag);
    }

    /// <summary>Starts an atomic write within one partition of this table.</summary>
    public Task<PartitionBatch> BatchAsync(string partitionKey, CancellationToken cancellationToken) =>
        _rows.BatchAsync(partitionKey, cancellationToken);
}
