using Azure;
using Azure.Data.Tables;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>
/// Outbox rows in Azure Tables. Finding pending rows of a whole table scans it (Tables index only
/// PartitionKey+RowKey), which is why commits nudge the dispatcher with their partition and the
/// table-wide sweep is only the safety net.
/// </summary>
public sealed class TableOutboxStore : IOutboxStore
{
    // Outbox row keys are the prefix plus an event id, whose characters all sort before '~'.
    private const string RowKeyEnd = OutboxMessage.RowKeyPrefix + "~";

    private readonly TableStores _stores;

    public TableOutboxStore(TableStores stores)
    {
        _stores = stores;
    }

    public async Task<IReadOnlyList<OutboxMessage>> FindPendingAsync(string table, string? partitionKey, int max, CancellationToken cancellationToken)
    {
        var client = _stores.Client(table);
        await _stores.EnsureCreatedAsync(client, cancellationToken).ConfigureAwait(false);
        var filter = partitionKey is null
            ? TableClient.CreateQueryFilter($"RowKey ge {OutboxMessage.RowKeyPrefix} and RowKey lt {RowKeyEnd} and Pending eq true")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {OutboxMessage.RowKeyPrefix} and RowKey lt {RowKeyEnd} and Pending eq true");
        var rows = new List<OutboxMessage>();
        await foreach (var row in client.QueryAsync<OutboxMessage>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count == max)
            {
                break;
            }
        }

        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> MarkSentAsync(string table, OutboxMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Pending = false;
        message.SentAt = sentAt;
        try
        {
            var response = await _stores.Client(table).UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            message.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }
}
