using Azure;
using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>
/// Typed access to one table with optimistic concurrency: updates and deletes must carry the
/// ETag they were read with; a conflicting write fails with ConcurrencyConflictException and
/// changes nothing.
/// </summary>
public sealed class TableStore<TEntity>
    where TEntity : class, ITableEntity, new()
{
    private readonly TableClient _table;
    private readonly Func<CancellationToken, Task> _ensureCreated;
    private readonly OutboxSignal? _outboxSignal;
    private readonly ChainIntentSignal? _chainSignal;

    internal TableStore(TableClient table, Func<CancellationToken, Task> ensureCreated, OutboxSignal? outboxSignal = null, ChainIntentSignal? chainSignal = null)
    {
        _table = table;
        _ensureCreated = ensureCreated;
        _outboxSignal = outboxSignal;
        _chainSignal = chainSignal;
    }

    public string TableName => _table.Name;

    /// <summary>The row, or null when it does not exist.</summary>
    public async Task<TEntity?> FindAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableKeys.RequireKeys(partitionKey, rowKey);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts a new row; fails with ConcurrencyConflictException when it exists already.</summary>
    public async Task<ETag> AddAsync(TEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKeys.RequireKeys(entity.PartitionKey, entity.RowKey);
        TableLimits.Check(entity);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            entity.ETag = response.Headers.ETag ?? default;
            return entity.ETag;
        }
        catch (RequestFailedException exception)
        {
            throw TableErrors.Translate(exception, TableName, Describe(entity));
        }
    }

    /// <summary>Replaces a row read earlier; fails with ConcurrencyConflictException if it changed since.</summary>
    public async Task<ETag> UpdateAsync(TEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        PartitionBatch.RequireETag(entity);
        TableKeys.RequireKeys(entity.PartitionKey, entity.RowKey);
        TableLimits.Check(entity);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            entity.ETag = response.Headers.ETag ?? default;
            return entity.ETag;
        }
        catch (RequestFailedException exception)
        {
            throw TableErrors.Translate(exception, TableName, Describe(entity));
        }
    }

    /// <summary>Deletes a row read earlier; fails with ConcurrencyConflictException if it changed since.</summary>
    public async Task DeleteAsync(TEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        PartitionBatch.RequireETag(entity);
        TableKeys.RequireKeys(entity.PartitionKey, entity.RowKey);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            throw TableErrors.Translate(exception, TableName, Describe(entity));
        }
    }

    /// <summary>Every row of a partition of this entity type (the platform's outbox and inbox rows, keys starting with '~', excluded).</summary>
    public async IAsyncEnumerable<TEntity> QueryPartitionAsync(string partitionKey, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableKeys.Require("partitionKey", partitionKey);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and (RowKey lt {TableFilters.ReservedStart} or RowKey ge {TableFilters.ReservedEnd})");
        await foreach (var entity in _table.QueryAsync<TEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return entity;
        }
    }

    /// <summary>
    /// Rows matching an OData filter (null or empty: every row); build it with TableClient.CreateQueryFilter
    /// or <see cref="TableFilters"/> to escape values. The platform's rows (<see cref="TableFilters"/>) are never returned.
    /// </summary>
    public async IAsyncEnumerable<TEntity> QueryAsync(string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAsync<TEntity>(TableFilters.ExcludeReserved(filter), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return entity;
        }
    }

    /// <summary>
    /// One page of the rows matching a filter (null or empty: every row), in key order, the platform's
    /// rows excluded; its <see cref="Page{T}.Next"/> token asks for the following page.
    /// </summary>
    public async Task<Page<TEntity>> PageAsync(string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        try
        {
            var pages = _table.QueryAsync<TEntity>(TableFilters.ExcludeReserved(filter), maxPerPage: page.Limit, cancellationToken: cancellationToken)
                .AsPages(page.Continuation, page.Limit);
            await foreach (var result in pages.ConfigureAwait(false))
            {
                return new Page<TEntity>(result.Values, result.ContinuationToken is { } next ? PageToken.Encode(next) : null);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 400 && page.Continuation is not null)
        {
            // A token that passed its check but that the service cannot resume from (crafted by hand).
            throw Core.Errors.ValidationException.For("next", "next must be the next token of a previous page of this list, unchanged.");
        }

        return new Page<TEntity>([], null);
    }

    /// <summary>Starts an atomic multi-row write within one partition of this table.</summary>
    public async Task<PartitionBatch> BatchAsync(string partitionKey, CancellationToken cancellationToken)
    {
        TableKeys.Require("partitionKey", partitionKey);
        await _ensureCreated(cancellationToken).ConfigureAwait(false);
        return new PartitionBatch(_table, partitionKey, _outboxSignal, _chainSignal);
    }

    private static string Describe(ITableEntity entity) => $"Row '{entity.RowKey}' of partition '{entity.PartitionKey}'";
}
