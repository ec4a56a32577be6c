using Azure;
using Azure.Data.Tables;
using MLGov.Core.Errors;

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
    private readonly List<TableTransactionAction> _actions = [];

    internal PartitionBatch(TableClient table, string partitionKey)
    {
        _table = table;
        PartitionKey = partitionKey;
    }

    public string PartitionKey { get; }

    public int Count => _actions.Count;

    /// <summary>Inserts a row that must not exist yet.</summary>
    public PartitionBatch Add(ITableEntity entity) => Append(TableTransactionActionType.Add, entity);

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

    /// <summary>Writes the event into the outbox in the same transaction as the state change.</summary>
    public PartitionBatch Publish(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Append(TableTransactionActionType.Add, message);
    }

    /// <summary>Commits every operation atomically and returns the new ETags in order.</summary>
    public async Task<IReadOnlyList<ETag>> CommitAsync(CancellationToken cancellationToken)
    {
        if (_actions.Count == 0)
        {
            return [];
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(_actions, cancellationToken).ConfigureAwait(false);
            return response.Value.Select(r => r.Headers.ETag ?? default).ToList();
        }
        catch (TableTransactionFailedException exception)
        {
            var failed = exception.FailedTransactionActionIndex is { } index && index < _actions.Count
                ? $"Row '{_actions[index].Entity.RowKey}' of partition '{PartitionKey}'"
                : $"A row of partition '{PartitionKey}'";
            throw TableErrors.Translate(exception, _table.Name, failed);
        }
    }

    private PartitionBatch Append(TableTransactionActionType type, ITableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!string.Equals(entity.PartitionKey, PartitionKey, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A batch for partition '{PartitionKey}' cannot write to partition '{entity.PartitionKey}'.");
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
        return this;
    }

    private static void RequireETag(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.ETag == default || entity.ETag == ETag.All)
        {
            throw new InvalidOperationException(
                $"Row '{entity.RowKey}' has no ETag: read it first, so a concurrent change cannot be overwritten.");
        }
    }
}
