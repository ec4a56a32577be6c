using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// One nonce of the app's account in its ledger (<see cref="ChainLedger"/>): the intent it serves, the
/// signed transaction(s) and where it stands. A row is written with its raw transaction before that is
/// ever broadcast, so a crash at any point leaves either nothing sent or a transaction the ledger knows.
/// Row keys: <c>a~{nonce}</c> while active, <c>d~{nonce}</c> once settled.
/// </summary>
public sealed class ChainTransactionRow : ITableEntity
{
    public const string ActivePrefix = "a~";

    public const string SettledPrefix = "d~";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Nonce { get; set; }

    public string IntentId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    /// <summary>The partition of the intent row (in the same table).</summary>
    public string SourcePartition { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string Data { get; set; } = "0x";

    public string Value { get; set; } = "0";

    public long GasLimit { get; set; }

    /// <summary>2 for EIP-1559, 0 for legacy (EIP-155).</summary>
    public int TransactionType { get; set; }

    /// <summary>EIP-1559 max fee per gas, or the legacy gas price, in wei (decimal digits).</summary>
    public string MaxFeePerGas { get; set; } = "0";

    /// <summary>EIP-1559 max priority fee per gas in wei (0 for legacy).</summary>
    public string MaxPriorityFeePerGas { get; set; } = "0";

    /// <summary>The latest signed transaction, 0x-prefixed hex: what a re-broadcast sends.</summary>
    public string Raw { get; set; } = string.Empty;

    /// <summary>Every hash signed for this nonce, oldest first, separated by commas: at most one of them can be mined.</summary>
    public string Hashes { get; set; } = string.Empty;

    /// <summary><see cref="ChainTransactionStates"/>.</summary>
    public string Status { get; set; } = ChainTransactionStates.AwaitingBroadcast;

    /// <summary>Broadcasts of this nonce's transactions (first sends, re-broadcasts and replacements).</summary>
    public int Attempts { get; set; }

    public int Replacements { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the latest transaction was signed (the replacement deadline counts from here).</summary>
    public DateTimeOffset SignedAt { get; set; }

    public DateTimeOffset? BroadcastAt { get; set; }

    /// <summary>When the node was last asked whether it still knows the pending transaction.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The hash that was included, once a receipt exists.</summary>
    public string? IncludedHash { get; set; }

    public long? IncludedBlock { get; set; }

    public string? IncludedBlockHash { get; set; }

    /// <summary>1 success, 0 failure, from the receipt.</summary>
    public int? ReceiptStatus { get; set; }

    public long? GasUsed { get; set; }

    /// <summary>Set once settled: <c>mined</c> or <c>reverted</c>.</summary>
    public string? Outcome { get; set; }

    public string? Error { get; set; }

    public string? ErrorData { get; set; }

    public DateTimeOffset? SettledAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> HashList => Hashes.Length == 0 ? [] : Hashes.Split(',');

    [IgnoreDataMember]
    public string LatestHash => HashList.Count == 0 ? string.Empty : HashList[^1];

    internal object MemberwiseCloneForLedger() => MemberwiseClone();

    public static string ActiveKey(long nonce) => ActivePrefix + nonce.ToString("D20", CultureInfo.InvariantCulture);

    public static string SettledKey(long nonce) => SettledPrefix + nonce.ToString("D20", CultureInfo.InvariantCulture);
}

/// <summary>Where a nonce's transaction stands in the ledger.</summary>
public static class ChainTransactionStates
{
    /// <summary>Signed and stored; not known to have reached the node.</summary>
    public const string AwaitingBroadcast = "signed";

    /// <summary>The node accepted it; waiting to be mined.</summary>
    public const string Broadcast = "broadcast";

    /// <summary>A receipt exists; waiting for confirmations.</summary>
    public const string Included = "included";

    /// <summary>Confirmed and written back to the intent.</summary>
    public const string Settled = "settled";
}
