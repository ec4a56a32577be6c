using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>One commit's entry in the outbox index (<see cref="OutboxIndex"/>): which partition holds which events.</summary>
public sealed class OutboxIndexEntry : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The commit's id: the first event id it published (unique, since event ids are).</summary>
    public string CommitId { get; set; } = string.Empty;

    /// <summary>The partition holding the outbox rows.</summary>
    public string SourcePartition { get; set; } = string.Empty;

    /// <summary>The event ids of the commit, as a JSON array.</summary>
    public string EventIds { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    [IgnoreDataMember]
    public bool IsPending => RowKey.StartsWith(OutboxIndex.PendingPrefix, StringComparison.Ordinal);

    [IgnoreDataMember]
    public IReadOnlyList<string> EventIdList => JsonSerializer.Deserialize<string[]>(EventIds) ?? [];

    internal static OutboxIndexEntry Pending(string sourcePartition, IReadOnlyList<string> eventIds, DateTimeOffset createdAt) => new()
    {
        PartitionKey = OutboxIndex.PartitionOf(sourcePartition),
        RowKey = OutboxIndex.PendingKey(createdAt, eventIds[0]),
        CommitId = eventIds[0],
        SourcePartition = sourcePartition,
        EventIds = JsonSerializer.Serialize(eventIds),
        CreatedAt = createdAt,
    };

    /// <summary>The same commit in the sent range.</summary>
    public OutboxIndexEntry Sent(DateTimeOffset sentAt) => new()
    {
        PartitionKey = PartitionKey,
        RowKey = OutboxIndex.SentKey(sentAt, CommitId),
        CommitId = CommitId,
        SourcePartition = SourcePartition,
        EventIds = EventIds,
        CreatedAt = CreatedAt,
        SentAt = sentAt,
    };
}
