using System.Globalization;
using System.Text;

namespace MLGov.Platform.Tables;

/// <summary>
/// Where the outbox index of a table lives. Every commit that publishes events first writes a
/// pending entry naming its partition and event ids; once the broker has the events the entry moves
/// (in one transaction) to the sent range, and after the topics' duplicate-detection window both the
/// rows and the entry are deleted. So the dispatcher reads only the index, and its work follows the
/// number of pending and recently sent events, never the size of the table.
/// </summary>
/// <remarks>
/// The index is spread over <see cref="Shards"/> partitions (by a hash of the source partition), so
/// that one table's index does not become a hot partition. Row keys start with the time, so a range
/// query finds the entries older than a cut-off without scanning the rest:
/// <c>p~{created ticks}~{commit}</c> while pending, <c>s~{sent ticks}~{commit}</c> once sent.
/// Partition keys starting with '~' are reserved for the platform.
/// </remarks>
public static class OutboxIndex
{
    public const int Shards = 8;

    public const string PartitionPrefix = "~outbox-";

    public const string PendingPrefix = "p~";

    public const string SentPrefix = "s~";

    public static IReadOnlyList<string> Partitions { get; } =
        Enumerable.Range(0, Shards).Select(shard => PartitionPrefix + shard.ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>The index partition of a source partition (FNV-1a of its UTF-8 bytes, so every process agrees).</summary>
    public static string PartitionOf(string sourcePartition) => Partitions[(int)(Hash(sourcePartition) % Shards)];

    /// <summary>FNV-1a of the UTF-8 bytes of a partition key: the same in every process, so every writer and reader agree on a shard.</summary>
    internal static uint Hash(string sourcePartition)
    {
        ArgumentNullException.ThrowIfNull(sourcePartition);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(sourcePartition))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    public static string PendingKey(DateTimeOffset created, string commitId) => PendingPrefix + Ticks(created) + "~" + commitId;

    public static string SentKey(DateTimeOffset sent, string commitId) => SentPrefix + Ticks(sent) + "~" + commitId;

    /// <summary>The first row key after every key of the range that starts with <paramref name="prefix"/> and is older than <paramref name="before"/>.</summary>
    public static string Before(string prefix, DateTimeOffset before) => prefix + Ticks(before);

    /// <summary>The first row key after every key that starts with <paramref name="prefix"/>.</summary>
    public static string End(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
