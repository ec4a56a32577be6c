using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>
/// A chain write the app has decided to make: a row in the same partition as the state change that
/// caused it, written in the same transaction (<see cref="PartitionBatch.RequestTransaction"/>), so a
/// crash neither loses nor doubles it. The app's transaction sender signs and sends it, and writes its
/// outcome back into this row once the transaction has the configured confirmations (or reverted).
/// </summary>
public sealed class ChainIntentRow : ITableEntity
{
    /// <summary>Intent rows sort with the platform's rows (row keys starting with '~').</summary>
    public const string RowKeyPrefix = "~chain~";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The intent's id, unique within the app: the domain id and the action, for example <c>inc-7:slash</c>.</summary>
    public string IntentId { get; set; } = string.Empty;

    /// <summary>What the transaction does for the domain (for example <c>slash</c>); outcome handlers are chosen by it.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The contract (or account) called.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>The call data, 0x-prefixed hex.</summary>
    public string Data { get; set; } = "0x";

    /// <summary>The native value sent, in wei (decimal digits).</summary>
    public string Value { get; set; } = "0";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while in flight; then <c>mined</c> or <c>reverted</c> (<see cref="ChainIntentOutcomes"/>).</summary>
    public string? Outcome { get; set; }

    public string? TransactionHash { get; set; }

    public long? BlockNumber { get; set; }

    public long? Nonce { get; set; }

    /// <summary>For a revert: the decoded custom error, for example <c>ClaimAlreadyPaid(bytes32)</c>, or the reason.</summary>
    public string? Error { get; set; }

    /// <summary>For a revert: the raw revert data (0x-prefixed), when the node gave it.</summary>
    public string? ErrorData { get; set; }

    public DateTimeOffset? SettledAt { get; set; }

    public static string RowKeyOf(string intentId) => RowKeyPrefix + intentId;
}

/// <summary>The outcomes an intent settles with.</summary>
public static class ChainIntentOutcomes
{
    /// <summary>The transaction was mined and succeeded.</summary>
    public const string Mined = "mined";

    /// <summary>The call reverted: at estimation (no transaction was sent) or after mining.</summary>
    public const string Reverted = "reverted";
}
