namespace MLGov.Platform.Tables;

/// <summary>
/// A committed transaction that wrote outbox rows: the table (prefix included), its pending index
/// entry (with the ETag it was written with) and the rows themselves, so the dispatcher can send
/// them without reading them back.
/// </summary>
public sealed record OutboxCommit(string Table, OutboxIndexEntry Index, IReadOnlyList<OutboxMessage> Rows);
