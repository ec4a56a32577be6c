using System.Globalization;

namespace MLGov.Platform.Tables;

/// <summary>
/// Where the app's transaction sender finds intents it has not taken on yet. Every commit that requests
/// a transaction first writes an entry naming the intent's partition; the sender admits the intent
/// (gives it a nonce in the account's ledger) and deletes the entry. Spread over <see cref="Shards"/>
/// partitions like the outbox index; row keys <c>p~{created ticks}~{intent id}</c>, oldest first.
/// </summary>
public static class ChainIntentIndex
{
    public const int Shards = 8;

    public const string PartitionPrefix = "~chain-";

    public const string PendingPrefix = "p~";

    public static IReadOnlyList<string> Partitions { get; } =
        Enumerable.Range(0, Shards).Select(shard => PartitionPrefix + shard.ToString(CultureInfo.InvariantCulture)).ToList();

    public static string PartitionOf(string sourcePartition) => Partitions[(int)(OutboxIndex.Hash(sourcePartition) % Shards)];

    public static string PendingKey(DateTimeOffset created, string intentId) =>
        PendingPrefix + created.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" + intentId;
}
