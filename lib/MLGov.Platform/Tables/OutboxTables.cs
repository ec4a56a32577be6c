namespace MLGov.Platform.Tables;

/// <summary>
/// The tables (names without prefix) in which the app publishes events, declared with
/// <c>services.AddOutbox(...)</c>. The dispatcher watches exactly these; publishing into any other
/// table fails at the commit, since nothing would ever send the event.
/// </summary>
public sealed class OutboxTables
{
    public ISet<string> Names { get; } = new SortedSet<string>(StringComparer.Ordinal);
}
