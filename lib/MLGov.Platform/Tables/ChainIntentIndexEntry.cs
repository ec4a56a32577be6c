using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>One requested transaction's entry in the intent index (<see cref="ChainIntentIndex"/>).</summary>
public sealed class ChainIntentIndexEntry : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string IntentId { get; set; } = string.Empty;

    /// <summary>The partition holding the intent row.</summary>
    public string SourcePartition { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    internal static ChainIntentIndexEntry Pending(string sourcePartition, string intentId, DateTimeOffset createdAt) => new()
    {
        PartitionKey = ChainIntentIndex.PartitionOf(sourcePartition),
        RowKey = ChainIntentIndex.PendingKey(createdAt, intentId),
        IntentId = intentId,
        SourcePartition = sourcePartition,
        CreatedAt = createdAt,
    };
}
