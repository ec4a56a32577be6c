namespace MLGov.Platform.Messaging.Outbox;

/// <summary>Events of one commit that the dispatcher failed to read or send <see cref="Attempts"/> times in a row.</summary>
public sealed record StuckEvent(string Table, string Partition, IReadOnlyList<string> EventIds, int Attempts, string LastError, DateTimeOffset Since);
