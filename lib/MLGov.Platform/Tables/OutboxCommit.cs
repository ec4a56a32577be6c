namespace MLGov.Platform.Tables;

/// <summary>A committed transaction that wrote outbox rows: the table (prefix included) and partition.</summary>
public sealed record OutboxCommit(string Table, string PartitionKey);
