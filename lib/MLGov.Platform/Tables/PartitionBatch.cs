using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Tables;

/// <summary>
/// An atomic write of several rows of one partition (an entity group transaction): all commit or
/// none does. Updates and deletes carry the ETag they were read with, so a concurrent change fails
/// the whole batch with <see cref="ConcurrencyConflictException"/> instead of being overwritten.
/// </summary>
public sealed class PartitionBatch
{
    /// <summary>The Table service's limit on operations per transaction.</summary>
    public const int MaxOperations = 100;

    private readonly TableClient _table;
    private readonly OutboxSignal? _outboxSignal;
    private readonly ChainIntentSignal? _chainSignal;
    private readonly List<TableTransactionAction> _actions = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<ChainIntentRow> _intents = [];
    private long _bytes;

    internal PartitionBatch(TableClient table, string partitionKey, OutboxSignal? outboxSignal = null, ChainIntentSignal? chainSignal = null)
    {
        TableKeys.Require("partitionKey", partitionKey);
        _table = table;
        _outboxSignal = outboxSignal;
        _chainSignal = chainSignal;
        PartitionKey = partitionKey;
    }

    public string PartitionKey { get; }

    /// <summary>The table the batch writes to, prefix included.</summary>
    public string TableName => _table.Name;

    public int Count => _actions.Count;

    /// <summary>Inserts a row that must not exist yet.</summary>
    public PartitionBatch Add(ITableEntity entity) => Append(TableTransactionActionType.Add, entity);

    /// <summary>Inserts a domain record as a new row (<see cref="RecordRows"/>); fails the commit if the row exists.</summary>
    public PartitionBatch Add<TRecord>(string rowKey, TRecord record)
        where TRecord : class => Add(RecordRows.ToEntity(record, PartitionKey, rowKey));

    /// <summary>Replaces a stored record with its next state; fails the commit if the row changed since it was read.</summary>
    public PartitionBatch Update<TRecord>(StoredRecord<TRecord> stored, TRecord next)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(stored);
        var entity = RecordRows.ToEntity(next, stored.PartitionKey, stored.RowKey);
        entity.ETag = stored.ETag;
        return Update(entity);
    }

    /// <summary>Replaces a row read earlier; fails if its ETag no longer matches.</summary>
    public PartitionBatch Update(ITableEntity entity)
    {
        RequireETag(entity);
        return Append(TableTransactionActionType.UpdateReplace, entity, entity.ETag);
    }

    /// <summary>Deletes a row read earlier; fails if its ETag no longer matches.</summary>
    public PartitionBatch Delete(ITableEntity entity)
    {
        RequireETag(entity);
        return Append(TableTransactionActionType.Delete, entity, entity.ETag);
    }

    /// <summary>
    /// Writes the event into the outbox in the same transaction as the state change. The table must
    /// be one the app's dispatcher watches (<c>services.AddOutbox(table)</c>); otherwise nothing would
    /// ever send the event, so this refuses it at once.
    /// </summary>
    public PartitionBatch Publish(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_outboxSignal is null || !_outboxSignal.IsWatched(_table.Name))
        {
            throw new InvalidOperationException(
                $"Event {message.EventType} is published in table '{_table.Name}', which no outbox dispatcher watches, so it would never be sent. " +
                "Declare the table with services.AddOutbox(...) in the app's registration.");
        }

        Append(TableTransactionActionType.Add, message);
        _outbox.Add(message);
        return this;
    }

    /// <summary>
    /// Publishes a typed event through the outbox: a CloudEvents envelope (new id unless given, time
    /// now unless given) in an outbox row of this partition, committed with the state change and sent
    /// to the event's topic by the app's outbox dispatcher. The envelope carries the current span's
    /// W3C trace context (CloudEvents traceparent/tracestate), so the dispatch and the consumers
    /// continue the publisher's trace.
    /// </summary>
    public PartitionBatch Publish<TEvent>(TEvent @event, string? eventId = null, DateTimeOffset? time = null)
        where TEvent : IIntegrationEvent
    {
        var at = time ?? DateTimeOffset.UtcNow;
        var envelope = EventEnvelope.Create(@event, eventId ?? EventIds.New(at), at).WithTraceOf(Activity.Current);
        return Publish(OutboxMessage.Create(PartitionKey, envelope.Id!, TEvent.Topic, TEvent.EventType, EventEnvelope.ToJson(envelope), at));
    }

    /// <summary>
    /// Writes a chain transaction intent in the same transaction as the state change that caused it.
    /// The table must be the one the app's transaction sender works from (<c>services.AddChainIntents(table)</c>);
    /// otherwise nothing would ever send it, so this refuses it at once. Domain code calls
    /// <c>batch.RequestTransaction(intent)</c> (MLGov.Platform.Chain.Transactions), which builds the row.
    /// </summary>
    internal PartitionBatch AddIntent(ChainIntentRow intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (_chainSignal is null || !_chainSignal.IsWatched(_table.Name))
        {
            throw new InvalidOperationException(
                $"Chain intent '{intent.IntentId}' is requested in table '{_table.Name}', which no transaction sender works from, so it would never be sent. " +
                "Declare the table with services.AddChainIntents(...) in the app's registration.");
        }

        Append(TableTransactionActionType.Add, intent);
        _intents.Add(intent);
        return this;
    }

    /// <summary>
    /// Commits every operation atomically and returns the new ETags in order; the written entities
    /// carry their new ETags afterwards, so they can be updated again without reading them back.
    /// A batch that publishes events first writes its entry in the table's outbox index (another
    /// partition, so not in the transaction): a crash after that write and before the commit leaves
    /// an entry whose rows never appear, which the dispatcher discards after a grace period; the
    /// reverse order could lose events.
    /// </summary>
    public async Task<IReadOnlyList<ETag>> CommitAsync(CancellationToken cancellationToken)
    {
        if (_actions.Count == 0)
        {
            return [];
        }

        var index = _outbox.Count == 0 ? null : OutboxIndexEntry.Pending(PartitionKey, _outbox.Select(m => m.EventId).ToList(), DateTimeOffset.UtcNow);
        if (index is not null)
        {
            var written = await _table.AddEntityAsync(index, cancellationToken).ConfigureAwait(false);
            index.ETag = written.Headers.ETag ?? default;
        }

        var intentEntries = await WriteIntentEntriesAsync(cancellationToken).ConfigureAwait(false);
        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await _table.SubmitTransactionAsync(_actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception)
        {
            if (index is not null)
            {
                await DiscardIndexEntryAsync(index.PartitionKey, index.RowKey, index.ETag).ConfigureAwait(false);
            }

            foreach (var entry in intentEntries)
            {
                await DiscardIndexEntryAsync(entry.PartitionKey, entry.RowKey, entry.ETag).ConfigureAwait(false);
            }

            var failed = exception.FailedTransactionActionIndex is { } failedIndex && failedIndex < _actions.Count
                ? $"Row '{_actions[failedIndex].Entity.RowKey}' of partition '{PartitionKey}'"
                : $"A row of partition '{PartitionKey}'";
            throw TableErrors.Translate(exception, _table.Name, failed);
        }

        var etags = response.Value.Select(r => r.Headers.ETag ?? default).ToList();
        for (var i = 0; i < _actions.Count && i < etags.Count; i++)
        {
            if (_actions[i].ActionType != TableTransactionActionType.Delete)
            {
                _actions[i].Entity.ETag = etags[i];
            }
        }

        if (index is not null)
        {
            _outboxSignal?.Notify(new OutboxCommit(_table.Name, index, _outbox.ToList()));
        }

        if (intentEntries.Count > 0)
        {
            _chainSignal?.Notify();
        }

        return etags;
    }

    /// <summary>
    /// The intent index entries go in before the commit, like the outbox's: a crash in between leaves an
    /// entry without an intent, which the sender discards after a grace period; the reverse order could
    /// leave an intent nobody finds.
    /// </summary>
    private async Task<IReadOnlyList<ChainIntentIndexEntry>> WriteIntentEntriesAsync(CancellationToken cancellationToken)
    {
        if (_intents.Count == 0)
        {
            return [];
        }

        var now = DateTimeOffset.UtcNow;
        var entries = _intents.Select(intent => ChainIntentIndexEntry.Pending(PartitionKey, intent.IntentId, now)).ToList();
        foreach (var shard in entries.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            var actions = shard.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList();
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            var i = 0;
            foreach (var entry in shard)
            {
                entry.ETag = response.Value[i++].Headers.ETag ?? default;
            }
        }

        return entries;
    }

    /// <summary>The service refused the transaction, so its index entry points at nothing: remove it now rather than after the grace period.</summary>
    private async Task DiscardIndexEntryAsync(string partitionKey, string rowKey, ETag etag)
    {
        try
        {
            await _table.DeleteEntityAsync(partitionKey, rowKey, etag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // The dispatcher discards it after the grace period.
        }
    }

    /// <summary>
    /// The ETag a row of this batch got when it committed (default before the commit, and for a delete).
    /// Records added with <see cref="Add{TRecord}"/> have no entity of the caller's to carry it.
    /// </summary>
    public ETag ETagOf(string rowKey) =>
        _actions.FirstOrDefault(a => string.Equals(a.Entity.RowKey, rowKey, StringComparison.Ordinal) && a.ActionType != TableTransactionActionType.Delete)?.Entity.ETag ?? default;

    /// <summary>Whether a row of this partition exists (used to tell a replayed event from a real conflict).</summary>
    internal async Task<bool> ExistsAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, rowKey, ["RowKey"], cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    private PartitionBatch Append(TableTransactionActionType type, ITableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!string.Equals(entity.PartitionKey, PartitionKey, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A batch for partition '{PartitionKey}' cannot write to partition '{entity.PartitionKey}'.");
        }

        TableKeys.Require("rowKey", entity.RowKey);
        var size = TableLimits.Check(entity);
        if (_bytes + size > TableLimits.MaxBatchBytes)
        {
            throw new PayloadTooLargeException(
                $"A table transaction holds at most {TableLimits.MaxBatchBytes} bytes (4 MiB); row '{entity.RowKey}' would make this one of partition '{PartitionKey}' {_bytes + size}.");
        }

        if (_actions.Count == MaxOperations)
        {
            throw new InvalidOperationException($"A table transaction holds at most {MaxOperations} operations.");
        }

        if (_actions.Any(a => string.Equals(a.Entity.RowKey, entity.RowKey, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Row '{entity.RowKey}' appears twice in one transaction.");
        }

        _actions.Add(new TableTransactionAction(type, entity, etag));
        _bytes += size;
        return this;
    }

    /// <summary>Refuses a blind write: an update or delete must carry the ETag its row was read with.</summary>
    internal static void RequireETag(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.ETag == default || entity.ETag == ETag.All)
        {
            throw new InvalidOperationException(
                $"Row '{entity.RowKey}' has no ETag: read it first, so a concurrent change cannot be overwritten.");
        }
    }
}
