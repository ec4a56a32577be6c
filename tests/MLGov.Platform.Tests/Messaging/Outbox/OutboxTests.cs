using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Errors;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;
using MLGov.Platform.Health;
using Microsoft.Extensions.Logging;

namespace MLGov.Platform.Tests.Messaging.Outbox;

[Collection(Backbone.Collection)]
public sealed class OutboxTests : IClassFixture<BackboneFixture>
{
    private const string Table = "test";
    private readonly BackboneFixture _fixture;

    public OutboxTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task The_state_change_and_its_outbox_row_commit_together_or_not_at_all()
    {
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        var stores = app.Get<TableStores>();
        var widgets = stores.For<WidgetRow>(Table);

        var batch = await widgets.BatchAsync("w:1", CancellationToken.None);
        batch.Add(new WidgetRow { PartitionKey = "w:1", Quantity = 3 }).Publish(new WidgetShippedV1("w1", 3), "ev-atomic-1");
        await batch.CommitAsync(CancellationToken.None);

        var pending = Assert.Single(await app.Get<IOutboxStore>().ListPendingAsync(Table, DateTimeOffset.MaxValue, 10, CancellationToken.None));
        Assert.Equal("w:1", pending.SourcePartition);
        Assert.Equal(["ev-atomic-1"], pending.EventIdList);
        var row = Assert.Single(await app.Get<IOutboxStore>().ReadRowsAsync(Table, pending, CancellationToken.None));
        Assert.Equal("ev-atomic-1", row.EventId);
        Assert.Equal("test-events", row.Destination);
        Assert.Equal(WidgetShippedV1.EventType, row.EventType);

        // The same widget again: the row exists already, so its event is not written either.
        var again = await widgets.BatchAsync("w:1", CancellationToken.None);
        again.Add(new WidgetRow { PartitionKey = "w:1", Quantity = 4 }).Publish(new WidgetShippedV1("w1", 4), "ev-atomic-2");
        await Assert.ThrowsAsync<AlreadyExistsException>(() => again.CommitAsync(CancellationToken.None));

        Assert.Single(await app.Get<IOutboxStore>().ListPendingAsync(Table, DateTimeOffset.MaxValue, 10, CancellationToken.None));
        Assert.Equal(3, (await widgets.FindAsync("w:1", "widget", CancellationToken.None))!.Quantity);
        var ownRows = new List<WidgetRow>();
        await foreach (var r in widgets.QueryPartitionAsync("w:1", CancellationToken.None))
        {
            ownRows.Add(r);
        }

        Assert.Single(ownRows);
    }

    [Fact]
    public async Task The_dispatcher_sends_with_the_event_id_as_message_id_and_then_records_the_commit_sent()
    {
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        var eventId = await PublishAsync(app, "w2", 2);
        var dispatcher = app.Get<OutboxDispatcher>();

        Assert.Equal(1, await dispatcher.DispatchPendingAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(CancellationToken.None));

        var message = await ReceiveAsync(MessagingTopology.Audit, eventId);
        Assert.Equal(WidgetShippedV1.EventType, message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(eventId, message.ApplicationProperties["cloudEvents_id"]);
        Assert.Equal("/mlgov/test", message.ApplicationProperties["cloudEvents_source"]);
        Assert.Equal("widgets/w2", message.ApplicationProperties["cloudEvents_subject"]);

        Assert.Equal(OutboxState.Sent, await StateAsync(app, eventId));
        Assert.NotNull(await OutboxRowAsync(app, "w:w2", eventId));
    }

    [Fact]
    public async Task A_commit_nudges_the_running_dispatcher_so_it_does_not_wait_for_the_poll()
    {
        var configuration = _fixture.Configuration(extra: new Dictionary<string, string?> { ["Messaging:OutboxPollInterval"] = "00:10:00" });
        await using var app = await TestApp.StartAsync(configuration, s => s.AddOutbox(Table));
        await Task.Delay(300); // the first pass runs at start; this event comes after it

        var eventId = await PublishAsync(app, "w3", 1);

        var message = await ReceiveAsync(MessagingTopology.Audit, eventId, TimeSpan.FromSeconds(10));
        Assert.Equal(eventId, message.MessageId);
        await Eventually.TrueAsync(async () => await StateAsync(app, eventId) == OutboxState.Sent, "the commit to be recorded sent");
    }

    [Fact]
    public async Task A_dispatcher_killed_between_send_and_mark_resends_on_restart_and_duplicate_detection_drops_the_copy()
    {
        var configuration = _fixture.Configuration();
        var prefix = configuration["Tables:TablePrefix"];
        CrashBeforeMarkStore? crashing = null;
        string eventId;
        await using (var first = await TestApp.StartAsync(configuration, s =>
        {
            s.AddSingleton<IOutboxStore>(p => crashing = new CrashBeforeMarkStore(new TableOutboxStore(p.GetRequiredService<TableStores>())));
            s.AddOutbox(Table);
        }))
        {
            eventId = await PublishAsync(first, "w4", 4);
            Assert.Equal(eventId, await crashing!.SentButNotMarked.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        await using var restarted = await TestApp.StartAsync(configuration, s => s.AddOutbox(Table), startHostedServices: false);
        Assert.Equal(prefix, restarted.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Tables:TablePrefix"]);
        Assert.Equal(OutboxState.Pending, await StateAsync(restarted, eventId));

        Assert.Equal(1, await restarted.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        Assert.Equal(OutboxState.Sent, await StateAsync(restarted, eventId));
        var copies = await ReceiveAllAsync(MessagingTopology.Audit, eventId);
        Assert.Single(copies);
    }

    [Fact]
    public async Task A_row_that_cannot_be_sent_stays_pending_and_does_not_block_the_others()
    {
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        var stores = app.Get<TableStores>();
        var batch = await stores.For<WidgetRow>(Table).BatchAsync("w:lost", CancellationToken.None);
        batch.Add(new WidgetRow { PartitionKey = "w:lost" })
            .Publish(OutboxMessage.Create("w:lost", "ev-nowhere", "no-such-topic", WidgetShippedV1.EventType, Platform.Events.EventEnvelope.ToJson(Platform.Events.EventEnvelope.Create(new WidgetShippedV1("lost", 1), "ev-nowhere", DateTimeOffset.UtcNow)), DateTimeOffset.UtcNow));
        await batch.CommitAsync(CancellationToken.None);
        var good = await PublishAsync(app, "w5", 5);

        Assert.Equal(1, await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        Assert.Equal(OutboxState.Pending, await StateAsync(app, "ev-nowhere"));
        Assert.Equal(OutboxState.Sent, await StateAsync(app, good));
    }

    [Fact]
    public async Task A_commit_that_keeps_failing_is_logged_as_an_error_with_its_event_id_and_makes_health_degraded()
    {
        var configuration = _fixture.Configuration(extra: new Dictionary<string, string?> { ["Messaging:OutboxStuckAfterAttempts"] = "2", ["Health:CacheDuration"] = "00:00:00" });
        var logs = new RecordingLoggerProvider();
        await using var app = await TestApp.StartAsync(configuration, s =>
        {
            s.AddOutbox(Table);
            s.AddLogging(l => l.AddProvider(logs));
        }, startHostedServices: false);
        await PublishToAsync(app, "w:stuck", "ev-stuck", "no-such-topic");
        var health = app.Get<HealthReporter>();
        Assert.Equal("healthy", (await health.CheckAsync(CancellationToken.None)).Dependencies["outbox"].Status);

        await Eventually.TrueAsync(
            async () =>
            {
                await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
                return app.Get<OutboxStatus>().Stuck.Count > 0;
            },
            "the commit to be reported stuck",
            TimeSpan.FromSeconds(20));

        var report = await health.CheckAsync(CancellationToken.None);
        Assert.Equal("degraded", report.Status);
        Assert.Equal("degraded", report.Dependencies["outbox"].Status);
        Assert.Contains("ev-stuck", (IEnumerable<string>)report.Dependencies["outbox"].Details!["stuckEventIds"]);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("ev-stuck", StringComparison.Ordinal));
        Assert.Equal(OutboxState.Pending, await StateAsync(app, "ev-stuck"));
    }

    [Fact]
    public async Task Sent_rows_stay_for_the_retention_and_are_deleted_with_their_index_entries_after_it()
    {
        var keep = _fixture.Configuration(extra: new Dictionary<string, string?> { ["Messaging:OutboxRetention"] = "01:00:00" });
        await using (var app = await TestApp.StartAsync(keep, s => s.AddOutbox(Table), startHostedServices: false))
        {
            var kept = await PublishAsync(app, "w6", 6);
            await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

            Assert.Equal(0, await app.Get<OutboxDispatcher>().PruneAsync(CancellationToken.None));
            Assert.NotNull(await OutboxRowAsync(app, "w:w6", kept));
            Assert.Equal(OutboxState.Sent, await StateAsync(app, kept));
        }

        var prune = _fixture.Configuration(extra: new Dictionary<string, string?> { ["Messaging:OutboxRetention"] = "00:00:00" });
        await using (var app = await TestApp.StartAsync(prune, s => s.AddOutbox(Table), startHostedServices: false))
        {
            var sent = await PublishAsync(app, "w7", 7);
            var pending = await PublishToAsync(app, "w:w8", "ev-unsendable", "no-such-topic");
            await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

            Assert.Equal(1, await app.Get<OutboxDispatcher>().PruneAsync(CancellationToken.None));

            Assert.Null(await OutboxRowAsync(app, "w:w7", sent));
            Assert.Equal(OutboxState.None, await StateAsync(app, sent));
            Assert.NotNull(await OutboxRowAsync(app, "w:w8", pending));
            Assert.Equal(OutboxState.Pending, await StateAsync(app, pending));
            Assert.NotNull(await app.Get<TableStores>().For<WidgetRow>(Table).FindAsync("w:w7", "widget", CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_index_entry_whose_commit_never_happened_is_discarded_after_the_grace_period_and_sends_nothing()
    {
        var configuration = _fixture.Configuration(extra: new Dictionary<string, string?> { ["Messaging:OutboxCommitGrace"] = "00:00:01" });
        await using var app = await TestApp.StartAsync(configuration, s => s.AddOutbox(Table), startHostedServices: false);
        var stores = app.Get<TableStores>();
        var client = stores.Client(Table);
        await stores.EnsureCreatedAsync(client, CancellationToken.None);

        // What a crash between the index write and the commit leaves behind.
        var orphan = new OutboxIndexEntry
        {
            PartitionKey = OutboxIndex.PartitionOf("w:never"),
            RowKey = OutboxIndex.PendingKey(DateTimeOffset.UtcNow, "ev-never"),
            CommitId = "ev-never",
            SourcePartition = "w:never",
            EventIds = "[\"ev-never\"]",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await client.AddEntityAsync(orphan);

        Assert.Equal(0, await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));
        Assert.Equal(OutboxState.Pending, await StateAsync(app, "ev-never"));

        await Eventually.TrueAsync(
            async () =>
            {
                await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
                return await StateAsync(app, "ev-never") == OutboxState.None;
            },
            "the orphaned entry to be discarded");
    }

    [Fact]
    public async Task Commits_of_one_index_shard_are_recorded_together_and_one_recorded_elsewhere_does_not_block_the_rest()
    {
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        var shard = OutboxIndex.PartitionOf("w:shard0");
        var widgets = Enumerable.Range(0, 200).Select(i => "shard" + i).Where(w => OutboxIndex.PartitionOf("w:" + w) == shard).Take(3).ToList();
        var events = new List<string>();
        foreach (var widget in widgets)
        {
            events.Add(await PublishAsync(app, widget, 1));
        }

        var store = app.Get<IOutboxStore>();
        var pending = (await store.ListPendingAsync(Table, DateTimeOffset.MaxValue, 100, CancellationToken.None))
            .Where(e => events.Contains(e.CommitId)).OrderBy(e => events.IndexOf(e.CommitId)).ToList();
        Assert.Equal(3, pending.Count);
        Assert.Equal([true], await store.MarkSentAsync(Table, [pending[0]], DateTimeOffset.UtcNow, CancellationToken.None));

        var marks = await store.MarkSentAsync(Table, pending, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal([false, true, true], marks);
        foreach (var eventId in events)
        {
            Assert.Equal(OutboxState.Sent, await StateAsync(app, eventId));
        }
    }

    [Fact]
    public async Task A_sweep_reads_the_pending_events_and_not_the_rest_of_a_large_table()
    {
        const int stateRows = 100_000;
        var counter = new EntityReadCounter();
        var configuration = _fixture.Configuration();
        await using var app = await TestApp.StartAsync(configuration, s =>
        {
            s.AddOutbox(Table);
            s.AddSingleton(p => new TableServiceClient(configuration["Tables:ConnectionString"], counter.ClientOptions()));
        }, startHostedServices: false);
        var stores = app.Get<TableStores>();
        var client = stores.Client(Table);
        await stores.EnsureCreatedAsync(client, CancellationToken.None);
        await Parallel.ForEachAsync(Enumerable.Range(0, stateRows / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
        {
            var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity("bulk:" + chunk, "row" + i) { ["Quantity"] = i })).ToList();
            await client.SubmitTransactionAsync(actions, ct);
        });
        var pending = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            pending.Add(await PublishAsync(app, "big" + i, i + 1));
        }

        counter.Reset();
        Assert.Equal(10, await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        // 8 index ranges, 10 pending entries, 10 rows: on the order of the pending events.
        Assert.InRange(counter.EntitiesRead, 20, 40);
        Assert.All(counter.Queries, query => Assert.Contains("PartitionKey eq", query, StringComparison.Ordinal));
        foreach (var eventId in pending)
        {
            Assert.Equal(OutboxState.Sent, await StateAsync(app, eventId));
        }
    }

    private static async Task<string> PublishToAsync(TestApp app, string partition, string eventId, string destination)
    {
        var batch = await app.Get<TableStores>().For<WidgetRow>(Table).BatchAsync(partition, CancellationToken.None);
        var envelope = Platform.Events.EventEnvelope.Create(new WidgetShippedV1("x", 1), eventId, DateTimeOffset.UtcNow);
        batch.Add(new WidgetRow { PartitionKey = partition })
            .Publish(OutboxMessage.Create(partition, eventId, destination, WidgetShippedV1.EventType, Platform.Events.EventEnvelope.ToJson(envelope), DateTimeOffset.UtcNow));
        await batch.CommitAsync(CancellationToken.None);
        return eventId;
    }

    private static Task<OutboxState> StateAsync(TestApp app, string eventId) =>
        OutboxStates.OfAsync(app.Get<TableStores>().Client(Table), eventId);

    private static async Task<string> PublishAsync(TestApp app, string widgetId, int quantity)
    {
        var partition = "w:" + widgetId;
        var batch = await app.Get<TableStores>().For<WidgetRow>(Table).BatchAsync(partition, CancellationToken.None);
        var eventId = Core.Events.EventIds.New(DateTimeOffset.UtcNow);
        batch.Add(new WidgetRow { PartitionKey = partition, Quantity = quantity }).Publish(new WidgetShippedV1(widgetId, quantity), eventId);
        await batch.CommitAsync(CancellationToken.None);
        return eventId;
    }

    private static async Task<OutboxMessage?> OutboxRowAsync(TestApp app, string partition, string eventId)
    {
        var stores = app.Get<TableStores>();
        var response = await stores.Client(Table).GetEntityIfExistsAsync<OutboxMessage>(partition, OutboxMessage.RowKeyPrefix + eventId);
        return response.HasValue ? response.Value : null;
    }

    private async Task<ServiceBusReceivedMessage> ReceiveAsync(string subscription, string messageId, TimeSpan? timeout = null)
    {
        var all = await ReceiveAllAsync(subscription, messageId, timeout);
        return Assert.Single(all);
    }

    /// <summary>Every message with the id on the subscription (others are put back), waiting until one arrived and the queue went quiet.</summary>
    private async Task<List<ServiceBusReceivedMessage>> ReceiveAllAsync(string subscription, string messageId, TimeSpan? timeout = null)
    {
        await using var receiver = _fixture.Client.CreateReceiver(MessagingTopology.WidgetsTopic, subscription);
        var found = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var batch = await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(found.Count == 0 ? 1 : 2));
            if (batch.Count == 0 && found.Count > 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                if (message.MessageId == messageId)
                {
                    found.Add(message);
                    await receiver.CompleteMessageAsync(message);
                }
                else
                {
                    await receiver.AbandonMessageAsync(message);
                }
            }
        }

        return found;
    }
}
