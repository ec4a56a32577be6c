using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>How the app's transaction sender works (section <c>Chain:Intents</c>). The defaults suit a public chain; docs/chain-writes.md lists them.</summary>
public sealed class ChainIntentOptions
{
    public const string SectionName = "Chain:Intents";

    /// <summary>
    /// Blocks a receipt must have (its own included) before the outcome is written back: 1 on anvil;
    /// the default 3 rides out the short reorgs of a proof-of-stake chain before finality.
    /// </summary>
    [Range(1, 1000)]
    public int Confirmations { get; set; } = 3;

    /// <summary>How often the sender looks at the index and the chain when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A transaction pending this long since it was (re)signed is replaced with higher fees.</summary>
    public TimeSpan ReplaceAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often a pending transaction is checked to still be known by the node; one it no longer knows is broadcast again.</summary>
    public TimeSpan RebroadcastAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An index entry whose intent row has not appeared after this long belongs to a commit that never happened and is discarded.</summary>
    public TimeSpan CommitGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Intents given nonces in one ledger transaction (at most 49: a nonce row, and a marker and a transaction row per intent).</summary>
    [Range(1, 49)]
    public int AdmissionBatchSize { get; set; } = 40;

    /// <summary>The longest wait between attempts after transient failures (transport errors, 429, 5xx, timeouts).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long settled transactions stay listed in the ledger before they are deleted.</summary>
    public TimeSpan SettledRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Health reports the sender degraded when its oldest unsettled intent is older than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(10);
}
