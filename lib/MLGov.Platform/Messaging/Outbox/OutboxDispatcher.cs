using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>
/// Sends the app's outbox rows to Service Bus and marks them sent. A row is marked (with the ETag it
/// was read with) only after the broker accepted the message, so a crash in between sends it again on
/// the next pass; the message id is the event id, so the topic's duplicate detection drops the second
/// copy and consumers' inboxes ignore any that gets through. Runs a pass right after each local commit
/// that wrote outbox rows (only that partition), and over all of the app's outbox tables every
/// <see cref="MessagingOptions.OutboxPollInterval"/>. A row that fails waits with a growing delay.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    private readonly IOutboxStore _store;
    private readonly ServiceBusClient _client;
    private readonly OutboxSignal _signal;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly Dictionary<string, string> _tablesByFullName;
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _backoff = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _pass = new(1, 1);

    public OutboxDispatcher(
        IOutboxStore store,
        ServiceBusClient client,
        TableStores stores,
        OutboxSignal signal,
        IOptions<OutboxTables> tables,
        IOptions<MessagingOptions> options,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _client = client;
        _signal = signal;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _tablesByFullName = tables.Value.Names.ToDictionary(stores.FullName, name => name, StringComparer.Ordinal);
    }

    /// <summary>The tables (names without prefix) this dispatcher sweeps.</summary>
    public IReadOnlyCollection<string> Tables => _tablesByFullName.Values;

    /// <summary>One pass over every outbox table; returns how many messages the broker accepted.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = 0;
            foreach (var table in _tablesByFullName.Values)
            {
                sent += await DispatchAsync(table, null, cancellationToken).ConfigureAwait(false);
            }

            return sent;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>One pass over a partition of one table (name without prefix).</summary>
    public async Task<int> DispatchPartitionAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DispatchAsync(table, partitionKey, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tables = string.Join(", ", _tablesByFullName.Values);
        LogStarted(_logger, tables, _options.OutboxPollInterval.TotalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunSafelyAsync(() => DispatchPendingAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
            using var untilNextPoll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            untilNextPoll.CancelAfter(_options.OutboxPollInterval);
            try
            {
                while (await _signal.Commits.WaitToReadAsync(untilNextPoll.Token).ConfigureAwait(false))
                {
                    while (_signal.Commits.TryRead(out var commit))
                    {
                        if (_tablesByFullName.TryGetValue(commit.Table, out var table))
                        {
                            await RunSafelyAsync(() => DispatchPartitionAsync(table, commit.PartitionKey, stoppingToken), stoppingToken).ConfigureAwait(false);
                        }
                        else
                        {
                            LogUndeclaredTable(_logger, commit.Table);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Time for the next full pass.
            }
        }
    }

    private async Task RunSafelyAsync(Func<Task<int>> pass, CancellationToken stoppingToken)
    {
        try
        {
            await pass().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The loop must survive a failing pass (Tables unreachable); the next poll retries.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPassFailed(_logger, exception);
        }
    }

    private async Task<int> DispatchAsync(string table, string? partitionKey, CancellationToken cancellationToken)
    {
        var rows = await _store.FindPendingAsync(table, partitionKey, _options.OutboxBatchSize, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        foreach (var row in rows)
        {
            if (await SendAsync(table, row, cancellationToken).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(string table, OutboxMessage row, CancellationToken cancellationToken)
    {
        var key = table + "/" + row.PartitionKey + "/" + row.RowKey;
        if (_backoff.TryGetValue(key, out var backoff) && backoff.NotBefore > _time.GetUtcNow())
        {
            return false;
        }

        ServiceBusMessage message;
        try
        {
            var envelope = EventEnvelope.FromJson(Encoding.UTF8.GetBytes(row.Payload));
            if (!string.Equals(envelope.Id, row.EventId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The envelope's id '{envelope.Id}' differs from the row's event id.");
            }

            message = CloudEventMessages.ToMessage(envelope);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            LogUnreadable(_logger, exception, row.EventId, table, row.PartitionKey);
            Delay(key);
            return false;
        }

        try
        {
            await Sender(row.Destination).SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = exception is ServiceBusException serviceBus ? serviceBus.Reason.ToString() : exception.GetType().Name;
            LogSendFailed(_logger, exception, row.EventId, row.EventType, row.Destination, reason);
            Delay(key);
            return false;
        }

        // The broker has the message. If the process dies before the next line, the row stays pending
        // and is sent again; duplicate detection and the consumers' inboxes absorb the copy.
        var marked = await _store.MarkSentAsync(table, row, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _backoff.Remove(key);
        if (marked)
        {
            LogSent(_logger, row.EventId, row.EventType, row.Destination);
        }
        else
        {
            LogMarkedElsewhere(_logger, row.EventId);
        }

        return true;
    }

    private ServiceBusSender Sender(string destination) => _senders.GetOrAdd(destination, d => _client.CreateSender(d));

    private void Delay(string key)
    {
        var failures = _backoff.TryGetValue(key, out var previous) ? previous.Failures + 1 : 1;
        var wait = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, failures - 1)));
        _backoff[key] = (failures, _time.GetUtcNow() + wait);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatcher started for tables {Tables}, polling every {PollIntervalMs} ms")]
    private static partial void LogStarted(ILogger logger, string tables, double pollIntervalMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent event {EventId} ({EventType}) to {Destination}")]
    private static partial void LogSent(ILogger logger, string eventId, string eventType, string destination);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {EventId} was sent and marked by another dispatcher meanwhile")]
    private static partial void LogMarkedElsewhere(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending event {EventId} ({EventType}) to {Destination} failed ({Reason}); it stays in the outbox and is retried")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string eventId, string eventType, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row of event {EventId} in table {Table}, partition {PartitionKey} cannot be read as a CloudEvent; it stays pending")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string eventId, string table, string partitionKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox rows were committed in table {Table}, which is not declared with AddOutbox; only declared tables are swept")]
    private static partial void LogUndeclaredTable(ILogger logger, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox pass failed; the next poll retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
