using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace MLGov.Platform.Tables;

/// <summary>
/// Hands out typed stores over the app's tables, creating each table once on first use.
/// Table names get the configured prefix.
/// </summary>
public sealed class TableStores
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly OutboxSignal? _outboxSignal;
    private readonly ChainIntentSignal? _chainSignal;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);

    /// <param name="service">The Table service.</param>
    /// <param name="options">The table prefix.</param>
    /// <param name="outboxSignal">Nudged after every commit that wrote outbox rows; null when nothing dispatches.</param>
    /// <param name="chainSignal">Nudged after every commit that requested a chain transaction; null when the app sends none.</param>
    public TableStores(TableServiceClient service, IOptions<TablesOptions> options, OutboxSignal? outboxSignal = null, ChainIntentSignal? chainSignal = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _prefix = options.Value.TablePrefix;
        _outboxSignal = outboxSignal;
        _chainSignal = chainSignal;
    }

    public TableServiceClient Service => _service;

    public TableStore<TEntity> For<TEntity>(string tableName)
        where TEntity : class, ITableEntity, new()
    {
        var table = Client(tableName);
        return new TableStore<TEntity>(table, ct => EnsureCreatedAsync(table, ct), _outboxSignal, _chainSignal);
    }

    /// <summary>Domain records of one type stored in a table, one column per property (<see cref="RecordRows"/>).</summary>
    public RecordStore<TRecord> Records<TRecord>(string tableName)
        where TRecord : class => new(For<TableEntity>(tableName));

    /// <summary>The raw client of a table (prefix applied); create it with <see cref="EnsureCreatedAsync"/>.</summary>
    public TableClient Client(string tableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return _service.GetTableClient(_prefix + tableName);
    }

    /// <summary>The full name of a table: the prefix plus the name.</summary>
    public string FullName(string tableName) => _prefix + tableName;

    public Task EnsureCreatedAsync(TableClient table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var creation = _created.GetOrAdd(table.Name, _ => new Lazy<Task>(() => table.CreateIfNotExistsAsync(CancellationToken.None)));
        var task = creation.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // Let a later call retry the creation instead of caching the failure forever.
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(table.Name, creation));
        }

        return task.WaitAsync(cancellationToken);
    }
}
