using Azure.Data.Tables;
using MLGov.Platform.Tables;

namespace MLGov.Testing;

/// <summary>Reads an event's <see cref="OutboxState"/> from a table's outbox index (<see cref="OutboxIndex"/>).</summary>
public static class OutboxStates
{
    public static async Task<OutboxState> OfAsync(TableClient table, string eventId)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var partition in OutboxIndex.Partitions)
        {
            await foreach (var entry in table.QueryAsync<OutboxIndexEntry>(e => e.PartitionKey == partition))
            {
                if (entry.EventIdList.Contains(eventId))
                {
                    return entry.IsPending ? OutboxState.Pending : OutboxState.Sent;
                }
            }
        }

        return OutboxState.None;
    }
}
