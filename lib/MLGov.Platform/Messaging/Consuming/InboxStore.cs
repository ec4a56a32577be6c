using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MLGov.Platform.Hosting;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>
/// The app's event inbox: which consumer handled which event id, in the app's own table (the one named
/// after the app), partition <c>inbox:{consumer}</c>, row key = event id. Checked before a handler runs
/// and written after it returned; handlers that change table state also write an inbox row in their
/// own transaction (<see cref="InboxBatchExtensions.RecordInbox"/>), which closes the gap between the two.
/// </summary>
public sealed class InboxStore
{
    public const string PartitionPrefix = "inbox:";

    private readonly TableStores _stores;
    private readonly TimeProvider _time;

    public InboxStore(TableStores stores, IOptions<AppOptions> app, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(app);
        _stores = stores;
        _time = time;
        TableName = app.Value.Name;
    }

    /// <summary>The app's table (name without prefix).</summary>
    public string TableName { get; }

    public async Task<bool> ContainsAsync(string consumer, string eventId, CancellationToken cancellationToken) =>
        await _stores.For<InboxEntry>(TableName).FindAsync(PartitionPrefix + consumer, eventId, cancellationToken).ConfigureAwait(false) is not null;

    public async Task RecordAsync(EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var table = _stores.Client(TableName);
        await _stores.EnsureCreatedAsync(table, cancellationToken).ConfigureAwait(false);
        var entry = InboxEntry.For(PartitionPrefix + context.Consumer, context.EventId, context, _time.GetUtcNow());
        await table.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The events a consumer has handled, newest first (for operators and tests).</summary>
    public async Task<IReadOnlyList<InboxEntry>> ListAsync(string consumer, CancellationToken cancellationToken)
    {
        var entries = new List<InboxEntry>();
        await foreach (var entry in _stores.For<InboxEntry>(TableName).QueryPartitionAsync(PartitionPrefix + consumer, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        return entries.OrderByDescending(e => e.HandledAt).ToList();
    }
}
