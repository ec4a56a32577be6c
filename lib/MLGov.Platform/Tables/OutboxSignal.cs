using System.Threading.Channels;

namespace MLGov.Platform.Tables;

/// <summary>
/// Tells the app's outbox dispatcher that a transaction with outbox rows just committed, so it sends
/// them now instead of at its next poll. Best effort: when nobody listens or the queue is full the
/// nudge is dropped and the poll picks the rows up.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<OutboxCommit> _commits = Channel.CreateBounded<OutboxCommit>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<OutboxCommit> Commits => _commits.Reader;

    public void Notify(string table, string partitionKey) => _commits.Writer.TryWrite(new OutboxCommit(table, partitionKey));
}
