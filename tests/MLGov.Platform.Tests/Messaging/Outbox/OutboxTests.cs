using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Errors;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;

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

        var pending = await app.Get<IOutboxStore>().FindPendingAsync(Table, "w:1", 10, CancellationToken.None);
        var row = Assert.Single(pending);
        Assert.Equal("ev-atomic-1", row.EventId);
        Assert.Equal("test-events", row.Destination);
        Assert.Equal(WidgetShippedV1.EventType, row.EventType);
        Assert.True(row.Pending);

        // The same widget again: the row exists already, so its event is not written either.
        var again = await widgets.BatchAsync("w:1", CancellationToken.None);
        again.Add(new WidgetRow { PartitionKey = "w:1", Quantity = 4 }).Publish(new WidgetShippedV1("w1", 4), "ev-atomic-2");
        await Assert.ThrowsAsync<AlreadyExistsException>(() => again.CommitAsync(CancellationToken.None));

        Assert.Single(await app.Get<IOutboxStore>().FindPendingAsync(Table, "w:1", 10, CancellationToken.None));
        Assert.Equal(3, (await widgets.FindAsync("w:1", "widget", CancellationToken.None))!.Quantity);
        var ownRows = new List<WidgetRow>();
        await foreach (var r in widgets.QueryPartitionAsync("w:1", CancellationToken.None))
        {
            ownRows.Add(r);
        }

        Assert.Single(ownRows);
    }

    [Fact]
    public async Task The_dispatcher_sends_with_the_event_id_as_message_id_and_then_marks_the_row_sent()
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

        var row = await OutboxRowAsync(app, "w:w2", eventId);
        Assert.False(row.Pending);
        Assert.NotNull(row.SentAt);
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
        await Eventually.TrueAsync(async () => !(await OutboxRowAsync(app, "w:w3", eventId)).Pending, "the row to be marked sent");
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
        Assert.True((await OutboxRowAsync(restarted, "w:w4", eventId)).Pending);

        Assert.Equal(1, await restarted.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        Assert.False((await OutboxRowAsync(restarted, "w:w4", eventId)).Pending);
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

        Assert.True((await OutboxRowAsync(app, "w:lost", "ev-nowhere")).Pending);
        Assert.False((await OutboxRowAsync(app, "w:w5", good)).Pending);
    }

    private static async Task<string> PublishAsync(TestApp app, string widgetId, int quantity)
    {
        var partition = "w:" + widgetId;
        var batch = await app.Get<TableStores>().For<WidgetRow>(Table).BatchAsync(partition, CancellationToken.None);
        var eventId = Core.Events.EventIds.New(DateTimeOffset.UtcNow);
        batch.Add(new WidgetRow { PartitionKey = partition, Quantity = quantity }).Publish(new WidgetShippedV1(widgetId, quantity), eventId);
        await batch.CommitAsync(CancellationToken.None);
        return eventId;
    }

    private static async Task<OutboxMessage> OutboxRowAsync(TestApp app, string partition, string eventId)
    {
        var stores = app.Get<TableStores>();
        var response = await stores.Client(Table).GetEntityAsync<OutboxMessage>(partition, OutboxMessage.RowKeyPrefix + eventId);
        return response.Value;
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
