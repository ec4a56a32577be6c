using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MLGov.Platform.Tables;

/// <summary>
/// Knows which tables the app's outbox dispatcher watches, and tells it that a transaction with
/// outbox rows just committed, so it sends them now instead of at its next sweep. The nudge is best
/// effort: when the queue is full it is dropped and the sweep (which reads the outbox index) picks the
/// rows up.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<OutboxCommit> _commits = Channel.CreateBounded<OutboxCommit>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly HashSet<string> _watched;

    public OutboxSignal(IOptions<TablesOptions> tables, IOptions<OutboxTables> outboxTables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(outboxTables);
        _watched = outboxTables.Value.Names.Select(name => tables.Value.TablePrefix + name).ToHashSet(StringComparer.Ordinal);
    }

    public ChannelReader<OutboxCommit> Commits => _commits.Reader;

    /// <summary>Whether a dispatcher sweeps this table (full name, prefix included).</summary>
    public bool IsWatched(string table) => _watched.Contains(table);

    internal void Notify(OutboxCommit commit) => _commits.Writer.TryWrite(commit);
}
