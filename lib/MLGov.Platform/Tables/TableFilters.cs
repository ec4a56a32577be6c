using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>
/// OData filters over table rows, and the rule that keeps the platform's own rows out of every query.
/// Reserved for the platform: row keys starting with '~' (outbox, inbox and index rows beside the
/// state they belong to), partitions starting with '~', and the inbox partitions <c>inbox:{consumer}</c>.
/// Domain code never chooses such keys (ids are checked with Core's rules, which allow no '~').
/// </summary>
public static class TableFilters
{
    /// <summary>The first character of reserved keys, and the first one after every such key.</summary>
    internal const string ReservedStart = "~";

    internal const string ReservedEnd = "\u007f";

    /// <summary>The prefix of the app table's inbox partitions (the messaging inbox's central record).</summary>
    internal const string InboxPartitionPrefix = "inbox:";

    /// <summary>
    /// Rows that are not the platform's. ANDed with a caller's filter as a whole, so no "or" in the
    /// caller's part can reach past it.
    /// </summary>
    private static readonly string DomainRows = TableClient.CreateQueryFilter(
        $"(RowKey lt {ReservedStart} or RowKey ge {ReservedEnd}) and (PartitionKey lt {ReservedStart} or PartitionKey ge {ReservedEnd}) and (PartitionKey lt {InboxPartitionPrefix} or PartitionKey ge {AfterPrefix(InboxPartitionPrefix)})");

    /// <summary>Rows whose partition key starts with <paramref name="prefix"/> (a range, so the service reads only those partitions).</summary>
    public static string PartitionStartsWith(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {AfterPrefix(prefix)}");
    }

    /// <summary>Whether a row is the platform's (see the class summary).</summary>
    public static bool IsReserved(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return rowKey.StartsWith('~') || partitionKey.StartsWith('~') || partitionKey.StartsWith(InboxPartitionPrefix, StringComparison.Ordinal);
    }

    /// <summary>The caller's filter (none: every row) restricted to rows that are not the platform's.</summary>
    internal static string ExcludeReserved(string? filter) =>
        string.IsNullOrWhiteSpace(filter) ? DomainRows : $"({filter}) and {DomainRows}";

    /// <summary>The smallest string after every string that starts with the prefix: its last character plus one.</summary>
    private static string AfterPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
