using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>The test consumer's state: how many widgets arrived, per widget id.</summary>
public sealed class WidgetCount : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = "count";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Quantity { get; set; }

    public int Events { get; set; }
}
