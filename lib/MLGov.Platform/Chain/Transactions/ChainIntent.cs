using System.Numerics;
using System.Text.RegularExpressions;
using MLGov.Core.Encoding;
using MLGov.Platform.Tables;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// A chain write the domain asks for: call <see cref="To"/> with <see cref="Data"/> (and
/// <see cref="Value"/> wei). It is recorded with the state change that caused it
/// (<see cref="ChainIntentBatchExtensions.RequestTransaction"/>) and sent by the app's
/// <see cref="ChainIntentSender"/>, which signs at most one transaction per nonce for it, replaces it
/// when it is stuck, and writes the outcome back.
/// </summary>
public sealed partial record ChainIntent
{
    /// <summary>The largest call data an intent carries (a Table string property holds 32K characters; the row keeps it in hex).</summary>
    public const int MaxDataBytes = 12 * 1024;

    private ChainIntent(string id, string kind, string to, byte[] data, BigInteger value)
    {
        Id = id;
        Kind = kind;
        To = to;
        Data = data;
        Value = value;
    }

    /// <summary>Unique within the app: the domain id and the action (for example <c>inc-7:slash</c>). The same id is never sent twice.</summary>
    public string Id { get; }

    /// <summary>What the transaction does for the domain (for example <c>slash</c>); selects the outcome handlers.</summary>
    public string Kind { get; }

    public string To { get; }

    public byte[] Data { get; }

    public BigInteger Value { get; }

    /// <summary>A call of a contract function.</summary>
    public static ChainIntent Call<TFunction>(string id, string kind, string contract, TFunction function)
        where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(function);
        return Create(id, kind, contract, function.GetCallData(), function.AmountToSend);
    }

    /// <summary>Any call or transfer: raw call data and value.</summary>
    public static ChainIntent Create(string id, string kind, string to, byte[] data, BigInteger value)
    {
        TableKeys.Require("intent id", ChainIntentRow.RowKeyOf(id ?? string.Empty));
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            throw new ArgumentException("An intent id is 1 to 200 characters.", nameof(id));
        }

        if (string.IsNullOrEmpty(kind) || !KindPattern().IsMatch(kind))
        {
            throw new ArgumentException($"The kind '{kind}' is not 1-64 of a-z 0-9 . _ -, starting with a letter.", nameof(kind));
        }

        AbiWords.ParseAddress(to);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxDataBytes)
        {
            throw new ArgumentException($"The call data is {data.Length} bytes; an intent carries at most {MaxDataBytes}.", nameof(data));
        }

        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value is not negative.");
        }

        return new ChainIntent(id, kind, to, data, value);
    }

    internal ChainIntentRow ToRow(string partitionKey, DateTimeOffset createdAt) => new()
    {
        PartitionKey = partitionKey,
        RowKey = ChainIntentRow.RowKeyOf(Id),
        IntentId = Id,
        Kind = Kind,
        To = To,
        Data = Data.ToHex(true),
        Value = Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CreatedAt = createdAt,
    };

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();
}

/// <summary>How domain code requests a chain write: in the batch of the state change that causes it.</summary>
public static class ChainIntentBatchExtensions
{
    /// <summary>
    /// Records <paramref name="intent"/> in this partition's transaction. Once the batch commits the
    /// app's transaction sender takes it on; if the commit fails, no transaction is ever sent.
    /// </summary>
    public static PartitionBatch RequestTransaction(this PartitionBatch batch, ChainIntent intent, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(intent);
        return batch.AddIntent(intent.ToRow(batch.PartitionKey, now ?? DateTimeOffset.UtcNow));
    }
}
