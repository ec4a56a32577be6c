using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Platform.Events;
using MLGov.Platform.Tables;
using MLGov.Platform.Telemetry;

namespace MLGov.Platform.Messaging.Outbox;

/// <summary>
/// Sends the app's outbox rows to Service Bus and records them sent in the outbox index
/// (<see cref="OutboxIndex"/>). A commit is recorded (with the index ETag it was read or written
/// with) only after the broker accepted all of its messages, so a crash in between sends them again;
/// the message id is the event id, so the topic's duplicate detection drops the second copy and the
/// consumers' inboxes ignore any that gets through.
/// <list type="bullet">
/// <item>Right after each local commit it sends that commit's rows from memory (no read).</item>
/// <item>Every <see cref="MessagingOptions.OutboxPollInterval"/> it sweeps the index for commits
/// that no local nudge covered (another instance crashed, the nudge queue overflowed).</item>
/// <item>Every <see cref="MessagingOptions.OutboxPruneInterval"/> it deletes rows sent longer than
/// <see cref="MessagingOptions.OutboxRetention"/> ago.</item>
/// </list>
/// Messages for one destination go out in batches. A commit that fails waits with a growing delay;
/// after <see cref="MessagingOptions.OutboxStuckAfterAttempts"/> failures it is logged as an error and
/// reported by health until it goes out.
/// Each commit sent is a Producer span ("send {topic}") in the trace its events were published in
/// (their CloudEvents traceparent); the broker's acceptance counts mlgov.outbox.dispatched and
/// records mlgov.outbox.lag from the row's CreatedAt.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private const int Parallelism = 16;
    private const int MaxCommitsPerPass = 500;

    private readonly IOutboxStore _store;
    private readonly ServiceBusClient _client;
    private readonly OutboxSignal _signal;
    private readonly OutboxStatus _status;
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
        OutboxStatus status,
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
        _status = status;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _tablesByFullName = tables.Value.Names.ToDictionary(stores.FullName, name => name, StringComparer.Ordinal);
    }

    /// <summary>The tables (names without prefix) this dispatcher sweeps.</summary>
    public IReadOnlyCollection<string> Tables => _tablesByFullName.Values;

    /// <summary>Sweeps every pending commit of every table, whatever its age; returns how many messages the broker accepted.</summary>
    public Task<int> DispatchPendingAsync(CancellationToken cancellationToken) => SweepAsync(DateTimeOffset.MaxValue, cancellationToken);

    /// <summary>Deletes the rows sent longer than the retention ago; returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = _time.GetUtcNow() - _options.OutboxRetention;
        var pruned = 0;
        foreach (var table in _tablesByFullName.Values)
        {
            pruned += await _store.PruneAsync(table, before, 1000, cancellationToken).ConfigureAwait(false);
        }

        if (pruned > 0)
        {
            LogPruned(_logger, pruned);
        }

        return pruned;
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
        var nextPrune = _time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Commits younger than one poll interval are the local nudges' job; the sweep covers the rest.
            await RunSafelyAsync(() => SweepAsync(_time.GetUtcNow() - _options.OutboxPollInterval, stoppingToken), stoppingToken).ConfigureAwait(false);
            if (_time.GetUtcNow() >= nextPrune)
            {
                await RunSafelyAsync(() => PruneAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
                nextPrune = _time.GetUtcNow() + _options.OutboxPruneInterval;
            }

            using var untilNextSweep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            untilNextSweep.CancelAfter(_options.OutboxPollInterval);
            try
            {
                while (await _signal.Commits.WaitToReadAsync(untilNextSweep.Token).ConfigureAwait(false))
                {
                    var commits = new List<PendingCommit>();
                    while (commits.Count < MaxCommitsPerPass && _signal.Commits.TryRead(out var commit))
                    {
                        if (_tablesByFullName.TryGetValue(commit.Table, out var table))
                        {
                            commits.Add(new PendingCommit(table, commit.Index, commit.Rows));
                        }
                    }

                    await RunSafelyAsync(() => DispatchCommitsAsync(commits, stoppingToken), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Time for the next sweep.
            }
        }
    }

    private async Task<int> DispatchCommitsAsync(List<PendingCommit> commits, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAndRecordAsync(commits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<int> SweepAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var found = new List<PendingCommit>();
            var pending = 0;
            DateTimeOffset? oldest = null;
            foreach (var table in _tablesByFullName.Values)
            {
                var entries = await _store.ListPendingAsync(table, createdBefore, _options.OutboxBatchSize, cancellationToken).ConfigureAwait(false);
                pending += entries.Count;
                oldest = entries.Select(e => (DateTimeOffset?)e.CreatedAt).Append(oldest).Min();
                var due = entries.Where(e => !IsBackingOff(Key(table, e), now)).ToList();
                var reads = await ForEachAsync(due, entry => ReadAsync(table, entry, cancellationToken)).ConfigureAwait(false);
                for (var i = 0; i < due.Count; i++)
                {
                    if (reads[i].Error is { } error)
                    {
                        Fail(new PendingCommit(table, due[i], []), error, "the outbox rows could not be read");
                    }
                    else if (reads[i].Rows.Count > 0)
                    {
                        found.Add(new PendingCommit(table, due[i], reads[i].Rows));
                    }
                    else if (now - due[i].CreatedAt > _options.OutboxCommitGrace
                        && await _store.DiscardAsync(table, due[i], cancellationToken).ConfigureAwait(false))
                    {
                        LogDiscarded(_logger, due[i].CommitId, table, due[i].SourcePartition);
                    }
                }
            }

            _status.Swept(pending, oldest, now);
            return await SendAndRecordAsync(found, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>The rows an entry names, or the error that kept them from being read (a failure of the commit).</summary>
    private async Task<(IReadOnlyList<OutboxMessage> Rows, Exception? Error)> ReadAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return (await _store.ReadRowsAsync(table, entry, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ([], exception);
        }
    }

    private async Task<int> SendAndRecordAsync(List<PendingCommit> commits, CancellationToken cancellationToken)
    {
        if (commits.Count == 0)
        {
            return 0;
        }

        // Build every message first; a commit with an unreadable row is held back whole.
        var ready = new List<(PendingCommit Commit, List<(string Destination, ServiceBusMessage Message)> Messages)>();
        foreach (var commit in commits)
        {
            try
            {
                ready.Add((commit, commit.Rows.Select(row => (row.Destination, ToMessage(row))).ToList()));
            }
            catch (Exception exception) when (exception is ArgumentException or JsonException or InvalidOperationException or FormatException)
            {
                Fail(commit, exception, "a row cannot be read as a CloudEvent");
            }
        }

        var spans = ready.Select(r => StartDispatchSpan(r.Commit, r.Messages)).ToList();
        try
        {
            // One batch per destination (several when they exceed the broker's size limit).
            var failedCommits = new HashSet<PendingCommit>();
            var byDestination = ready
                .SelectMany(r => r.Messages.Select(m => (r.Commit, m.Destination, m.Message)))
                .GroupBy(m => m.Destination, StringComparer.Ordinal);
            var sends = await ForEachAsync(byDestination.ToList(), group => SendAllAsync(group.Key, group.ToList(), cancellationToken)).ConfigureAwait(false);
            foreach (var failure in sends.SelectMany(s => s))
            {
                if (failedCommits.Add(failure.Commit))
                {
                    Fail(failure.Commit, failure.Error, "sending to " + failure.Destination + " failed");
                    spans[ready.FindIndex(r => r.Commit == failure.Commit)]?.SetStatus(ActivityStatusCode.Error, failure.Error.GetType().Name + ": sending to " + failure.Destination + " failed");
                }
            }

            // The broker has the messages. If the process dies before they are recorded, the next sweep
            // sends them again; duplicate detection and the consumers' inboxes absorb the copies.
            var sent = ready.Where(r => !failedCommits.Contains(r.Commit)).ToList();
            var now = _time.GetUtcNow();
            foreach (var (commit, messages) in sent)
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    var destination = new KeyValuePair<string, object?>("destination", messages[i].Destination);
                    MLGovTelemetry.OutboxDispatched.Add(1, destination);
                    MLGovTelemetry.OutboxLag.Record(Math.Max(0, (now - commit.Rows[i].CreatedAt).TotalMilliseconds), destination);
                }
            }

            var recorded = new bool[sent.Count];
            foreach (var table in sent.Select((r, i) => (r.Commit, Index: i)).GroupBy(r => r.Commit.Table, StringComparer.Ordinal))
            {
                var marks = await _store.MarkSentAsync(table.Key, table.Select(r => r.Commit.Index).ToList(), now, cancellationToken).ConfigureAwait(false);
                foreach (var (position, mark) in table.Select(r => r.Index).Zip(marks))
                {
                    recorded[position] = mark;
                }
            }

            for (var i = 0; i < sent.Count; i++)
            {
                var commit = sent[i].Commit;
                var key = Key(commit.Table, commit.Index);
                _backoff.Remove(key);
                _status.Clear(key);
                if (recorded[i])
                {
                    LogSent(_logger, commit.Rows.Count, commit.Index.SourcePartition, commit.Table);
                }
                else
                {
                    LogMarkedElsewhere(_logger, commit.Index.CommitId);
                }
            }

            return sent.Sum(r => r.Messages.Count);
        }
        finally
        {
            foreach (var span in spans)
            {
                EndDetached(span);
            }
        }
    }

    private async Task<List<(PendingCommit Commit, string Destination, Exception Error)>> SendAllAsync(
        string destination,
        List<(PendingCommit Commit, string Destination, ServiceBusMessage Message)> messages,
        CancellationToken cancellationToken)
    {
        var failures = new List<(PendingCommit, string, Exception)>();
        var sender = Sender(destination);
        var index = 0;
        while (index < messages.Count)
        {
            var start = index;
            try
            {
                using var batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                while (index < messages.Count && batch.TryAddMessage(messages[index].Message))
                {
                    index++;
                }

                if (index == start)
                {
                    index++;
                    throw new InvalidOperationException($"Event {messages[start].Message.MessageId} is larger than the broker accepts in one message ({batch.MaxSizeInBytes} bytes).");
                }

                await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                index = Math.Max(index, start + 1);
                for (var i = start; i < index; i++)
                {
                    failures.Add((messages[i].Commit, destination, exception));
                }

                // Later messages of a failing destination are not tried in this pass.
                for (var i = index; i < messages.Count; i++)
                {
                    failures.Add((messages[i].Commit, destination, exception));
                }

                break;
            }
        }

        return failures;
    }

    private static ServiceBusMessage ToMessage(OutboxMessage row)
    {
        var envelope = EventEnvelope.FromJson(Encoding.UTF8.GetBytes(row.Payload));
        if (!string.Equals(envelope.Id, row.EventId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The envelope's id '{envelope.Id}' differs from the row's event id.");
        }

        return CloudEventMessages.ToMessage(envelope);
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
#pragma warning disable CA1031 // The loop must survive a failing pass (Tables unreachable); the next sweep retries.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPassFailed(_logger, exception);
        }
    }

    /// <summary>
    /// The Producer span of one commit, parented on the trace context its first event was published
    /// with. It is not made current: the commits of a pass go out together, in batches per topic.
    /// </summary>
    private static Activity? StartDispatchSpan(PendingCommit commit, List<(string Destination, ServiceBusMessage Message)> messages)
    {
        var first = messages.Count > 0 ? messages[0].Message.ApplicationProperties : null;
        var parent = MLGovTelemetry.ParentFrom(
            first?.TryGetValue(CloudEventMessages.AttributePrefix + EventTracing.TraceParentAttribute.Name, out var traceParent) == true ? traceParent as string : null,
            first?.TryGetValue(CloudEventMessages.AttributePrefix + EventTracing.TraceStateAttribute.Name, out var traceState) == true ? traceState as string : null);
        var destinations = string.Join(",", messages.Select(m => m.Destination).Distinct(StringComparer.Ordinal));
        var current = Activity.Current;
        var span = MLGovTelemetry.Source.StartActivity("send " + destinations, ActivityKind.Producer, parent);
        Activity.Current = current;
        if (span is not null)
        {
            span.SetTag("messaging.system", "servicebus");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.destination.name", destinations);
            span.SetTag("messaging.batch.message_count", messages.Count);
            span.SetTag("mlgov.outbox.table", commit.Table);
            span.SetTag("mlgov.outbox.commit_id", commit.Index.CommitId);
            span.SetTag("mlgov.event_ids", string.Join(",", messages.Select(m => m.Message.MessageId)));
        }

        return span;
    }

    private static void EndDetached(Activity? span)
    {
        var current = Activity.Current;
        span?.Dispose();
        Activity.Current = current;
    }

    private ServiceBusSender Sender(string destination) => _senders.GetOrAdd(destination, d => _client.CreateSender(d));

    private bool IsBackingOff(string key, DateTimeOffset now) => _backoff.TryGetValue(key, out var backoff) && backoff.NotBefore > now;

    private void Fail(PendingCommit commit, Exception exception, string what)
    {
        var key = Key(commit.Table, commit.Index);
        var failures = _backoff.TryGetValue(key, out var previous) ? previous.Failures + 1 : 1;
        var now = _time.GetUtcNow();
        var wait = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, failures - 1)));
        _backoff[key] = (failures, now + wait);
        var eventIds = commit.Index.EventIds;
        if (failures >= _options.OutboxStuckAfterAttempts)
        {
            LogStuck(_logger, exception, eventIds, commit.Table, commit.Index.SourcePartition, failures, what);
            _status.MarkStuck(key, new StuckEvent(commit.Table, commit.Index.SourcePartition, commit.Index.EventIdList, failures, what + ": " + exception.Message, now));
        }
        else
        {
            LogFailed(_logger, exception, eventIds, commit.Table, commit.Index.SourcePartition, failures, what);
        }
    }

    private static string Key(string table, OutboxIndexEntry entry) => table + "/" + entry.CommitId;

    private static async Task<TResult[]> ForEachAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> action)
    {
        var results = new TResult[items.Count];
        using var gate = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(items.Select(async (item, i) =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                results[i] = await action(item).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return results;
    }

    private sealed record PendingCommit(string Table, OutboxIndexEntry Index, IReadOnlyList<OutboxMessage> Rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatcher started for tables {Tables}, sweeping every {PollIntervalMs} ms")]
    private static partial void LogStarted(ILogger logger, string tables, double pollIntervalMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Count} events of partition {Partition} in table {Table}")]
    private static partial void LogSent(ILogger logger, int count, string partition, string table);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Commit {CommitId} was sent and recorded by another dispatcher meanwhile")]
    private static partial void LogMarkedElsewhere(ILogger logger, string commitId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events {EventIds} of table {Table}, partition {Partition} stay in the outbox after attempt {Attempt}: {What}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string eventIds, string table, string partition, int attempt, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "Events {EventIds} of table {Table}, partition {Partition} are stuck in the outbox after {Attempts} attempts: {What}; health reports them until they go out")]
    private static partial void LogStuck(ILogger logger, Exception exception, string eventIds, string table, string partition, int attempts, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discarded outbox index entry {CommitId} of table {Table}, partition {Partition}: its commit never happened")]
    private static partial void LogDiscarded(ILogger logger, string commitId, string table, string partition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} sent outbox rows")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox pass failed; the next sweep retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
