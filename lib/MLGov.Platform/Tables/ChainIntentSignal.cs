using System.Threading.Channels;

namespace MLGov.Platform.Tables;

/// <summary>
/// Knows the table in which the app requests chain transactions (declared with
/// <c>services.AddChainIntents(...)</c>) and wakes the transaction sender after a commit that requested
/// one, so it does not wait for its next poll. Best effort: a dropped nudge only delays the intent to the
/// next poll, which reads the intent index.
/// </summary>
public sealed class ChainIntentSignal
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChainIntentSignal(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        Table = table;
    }

    /// <summary>The full name (prefix included) of the table holding the app's intents and its account ledger.</summary>
    public string Table { get; }

    public ChannelReader<bool> Nudges => _nudges.Reader;

    public bool IsWatched(string table) => string.Equals(table, Table, StringComparison.Ordinal);

    /// <summary>Wakes the sender (also used by the sender itself when there is more to do).</summary>
    public void Notify() => _nudges.Writer.TryWrite(true);
}
