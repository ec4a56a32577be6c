using Azure;

namespace MLGov.Platform.Tables;

/// <summary>A domain record as read from its row, with the ETag a later update or delete must carry.</summary>
public sealed record StoredRecord<TRecord>(TRecord Value, string PartitionKey, string RowKey, ETag ETag)
    where TRecord : class;
