using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>The test publisher's state change that goes with each event.</summary>
public sealed class WidgetRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = "widget";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Quantity { get; set; }
}
