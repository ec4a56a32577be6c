namespace MLGov.Platform.Messaging.Outbox;

/// <summary>The tables (names without prefix) in which the app writes outbox rows; the dispatcher sweeps these.</summary>
public sealed class OutboxTables
{
    public ISet<string> Names { get; } = new SortedSet<string>(StringComparer.Ordinal);
}
