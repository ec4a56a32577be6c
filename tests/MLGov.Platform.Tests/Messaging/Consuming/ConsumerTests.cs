using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Health;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Tests.Messaging.Consuming;

[Collection(Backbone.Collection)]
public sealed class ConsumerTests : IClassFixture<BackboneFixture>, IAsyncLifetime
{
    private static readonly ServiceBusEntity ShippedSubscription = ServiceBusEntity.ForSubscription(MessagingTopology.WidgetsTopic, MessagingTopology.Consumer);
    private static readonly ServiceBusEntity PackedSubscription = ServiceBusEntity.ForSubscription(MessagingTopology.NoDedupTopic, MessagingTopology.Consumer);

    private readonly BackboneFixture _fixture;
    private readonly HandlerProbe _probe = new();
    private TestApp _app = null!;

    public ConsumerTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    public async Task InitializeAsync()
    {
        _fixture.Emulator.Purge(ShippedSubscription.Path);
        _fixture.Emulator.Purge(ShippedSubscription.Path + "/$DeadLetterQueue");
        _fixture.Emulator.Purge(PackedSubscription.Path);
        _fixture.Emulator.Purge(PackedSubscription.Path + "/$DeadLetterQueue");
        _app = await TestApp.StartAsync(_fixture.Configuration(), services =>
        {
            services.AddSingleton(_probe);
            services.AddEventHandler<WidgetShippedV1, WidgetHandler>(MessagingTopology.Consumer);
            services.AddEventHandler<WidgetPackedV1, WidgetHandler>(MessagingTopology.Consumer);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_event_is_handled_once_and_recorded_in_both_inboxes()
    {
        var eventId = await SendAsync(new WidgetShippedV1("a1", 2));

        await WaitForCommitAsync(eventId);
        await WaitUntilSettledAsync(ShippedSubscription);

        var count = await CountOfAsync("a1");
        Assert.Equal(2, count.Quantity);
        Assert.Equal(1, count.Events);
        Assert.True(await RowExistsAsync(WidgetHandler.PartitionOf("a1"), "~inbox~test-events.consumer~" + eventId));
        var inbox = await _app.Get<InboxStore>().ListAsync("test-events.consumer", CancellationToken.None);
        Assert.Contains(inbox, e => e.EventId == eventId && e.EventType == WidgetShippedV1.EventType);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing_and_the_inbox_spares_the_handler()
    {
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        await SendAsync(new WidgetPackedV1("b1", 5), eventId);
        await WaitForCommitAsync(eventId);
        var inbox = _app.Get<InboxStore>();
        await Eventually.TrueAsync(() => inbox.ContainsAsync("nodedup-events.consumer", eventId, CancellationToken.None), "the inbox entry");

        await SendAsync(new WidgetPackedV1("b1", 5), eventId);
        await WaitUntilSettledAsync(PackedSubscription);

        var count = await CountOfAsync("b1");
        Assert.Equal(5, count.Quantity);
        Assert.Equal(1, count.Events);
        Assert.Equal(1, _probe.CommitsOf(eventId));
        Assert.Equal(1, _probe.AttemptsOf(eventId));
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(PackedSubscription.Path));
    }

    [Fact]
    public async Task A_redelivery_after_the_state_committed_but_before_the_inbox_was_written_is_caught_by_the_transaction()
    {
        // The handler commits, then fails: the central inbox entry is never written, the message is
        // abandoned and comes back. Its inbox row in the handler's own partition makes the second
        // commit fail, so the consumer completes it as a duplicate.
        var eventId = await SendAsync(new WidgetPackedV1("c1", 7, "fail-once-after"));

        await Eventually.TrueAsync(() => _probe.AttemptsOf(eventId) >= 2, "the redelivery");
        await WaitUntilSettledAsync(PackedSubscription);

        var count = await CountOfAsync("c1");
        Assert.Equal(7, count.Quantity);
        Assert.Equal(1, count.Events);
        Assert.Equal(1, _probe.CommitsOf(eventId));
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(PackedSubscription.Path));
    }

    [Fact]
    public async Task A_handler_that_fails_once_is_retried_and_acts_exactly_once()
    {
        var eventId = await SendAsync(new WidgetShippedV1("d1", 3, "fail-once-before"));

        await WaitForCommitAsync(eventId);
        await WaitUntilSettledAsync(ShippedSubscription);

        Assert.Equal(2, _probe.AttemptsOf(eventId));
        Assert.Equal(1, _probe.CommitsOf(eventId));
        Assert.Equal(3, (await CountOfAsync("d1")).Quantity);
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(ShippedSubscription.Path));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_ends_in_the_dead_letter_queue_after_the_max_delivery_count()
    {
        var eventId = await SendAsync(new WidgetShippedV1("e1", 1, "fail-always"));

        var dead = await WaitForDeadLetterAsync(ShippedSubscription, eventId);

        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, dead.DeadLetterReason);
        Assert.Equal(MessagingTopology.MaxDeliveryCount, _probe.AttemptsOf(eventId));
        Assert.Contains("Simulated transient failure", dead.ApplicationProperties["mlgov-last-error"].ToString(), StringComparison.Ordinal);
        Assert.Null(await _app.Get<TableStores>().For<WidgetCount>(WidgetHandler.Table).FindAsync(WidgetHandler.PartitionOf("e1"), "count", CancellationToken.None));
    }

    [Fact]
    public async Task A_handled_event_redelivered_with_data_todays_rules_refuse_is_completed_from_the_inbox_without_reaching_its_handler()
    {
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        await SendAsync(new WidgetPackedV1("h1", 4), eventId);
        var inbox = _app.Get<InboxStore>();
        await Eventually.TrueAsync(() => inbox.ContainsAsync("nodedup-events.consumer", eventId, CancellationToken.None), "the inbox entry");

        // The same event again, as a newer, stricter schema would read it: it must not be judged again.
        var again = CloudEventMessages.ToMessage(EventEnvelope.Create(new WidgetPackedV1("h1", 4), eventId, DateTimeOffset.UtcNow));
        again.Body = BinaryData.FromString("""{"widgetId": "h1", "quantity": -4}""");
        await using (var sender = _fixture.Client.CreateSender(MessagingTopology.NoDedupTopic))
        {
            await sender.SendMessageAsync(again);
        }

        await WaitUntilSettledAsync(PackedSubscription);

        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(PackedSubscription.Path));
        Assert.Equal(1, _probe.AttemptsOf(eventId));
        Assert.Equal(4, (await CountOfAsync("h1")).Quantity);
    }

    [Fact]
    public async Task An_event_that_arrives_before_what_it_depends_on_is_retried_not_dead_lettered()
    {
        var eventId = await SendAsync(new WidgetShippedV1("i1", 2, "not-found-twice"));

        await WaitForCommitAsync(eventId);
        await WaitUntilSettledAsync(ShippedSubscription);

        Assert.Equal(3, _probe.AttemptsOf(eventId));
        Assert.Equal(1, _probe.CommitsOf(eventId));
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(ShippedSubscription.Path));
    }

    [Fact]
    public async Task A_handler_that_refuses_the_event_dead_letters_it_at_once_with_the_reason()
    {
        var eventId = await SendAsync(new WidgetShippedV1("f1", 1, "reject"));

        var dead = await WaitForDeadLetterAsync(ShippedSubscription, eventId);

        Assert.Equal(DeadLetterReasons.HandlerRejected, dead.DeadLetterReason);
        Assert.Equal("validation: Widget f1 is not one of ours.", dead.DeadLetterErrorDescription);
        Assert.Equal(1, _probe.AttemptsOf(eventId));
    }

    [Fact]
    public async Task An_event_that_makes_an_invalid_table_key_is_dead_lettered_at_once_not_retried()
    {
        // The handler builds its partition key from the widget id; '/' is not allowed in a key.
        var eventId = await SendAsync(new WidgetShippedV1("h/1", 1));

        var dead = await WaitForDeadLetterAsync(ShippedSubscription, eventId);

        Assert.Equal(DeadLetterReasons.HandlerRejected, dead.DeadLetterReason);
        Assert.StartsWith("validation: partitionKey must not contain", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(1, _probe.AttemptsOf(eventId));
    }

    [Fact]
    public async Task Poison_messages_are_dead_lettered_with_their_reason_and_counted_by_the_health_check()
    {
        await using var sender = _fixture.Client.CreateSender(MessagingTopology.NoDedupTopic);
        var valid = CloudEventMessages.ToMessage(EventEnvelope.Create(new WidgetPackedV1("g1", 1), "ev-poison-base", DateTimeOffset.UtcNow));

        var notACloudEvent = new ServiceBusMessage("hello") { MessageId = "poison-plain" };
        var unknownType = Copy(valid, "poison-unknown");
        unknownType.ApplicationProperties["cloudEvents_type"] = "com.mlgov.test.widget.exploded.v1";
        var wrongShape = Copy(valid, "poison-shape");
        wrongShape.Body = BinaryData.FromString("""{"widgetId": 42, "quantity": "many"}""");
        var brokenRule = Copy(valid, "poison-rule");
        brokenRule.Body = BinaryData.FromString("""{"widgetId": "g1", "quantity": -1}""");
        var missingMember = Copy(valid, "poison-missing");
        missingMember.Body = BinaryData.FromString("""{"widgetId": "g1"}""");
        foreach (var message in new[] { notACloudEvent, unknownType, wrongShape, brokenRule, missingMember })
        {
            await sender.SendMessageAsync(message);
        }

        Assert.Equal(DeadLetterReasons.InvalidCloudEvent, (await WaitForDeadLetterAsync(PackedSubscription, "poison-plain")).DeadLetterReason);
        var unknown = await WaitForDeadLetterAsync(PackedSubscription, "poison-unknown");
        Assert.Equal(DeadLetterReasons.UnknownEventType, unknown.DeadLetterReason);
        Assert.Contains("com.mlgov.test.widget.exploded.v1", unknown.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(DeadLetterReasons.SchemaViolation, (await WaitForDeadLetterAsync(PackedSubscription, "poison-shape")).DeadLetterReason);
        var rule = await WaitForDeadLetterAsync(PackedSubscription, "poison-rule");
        Assert.Equal(DeadLetterReasons.SchemaViolation, rule.DeadLetterReason);
        Assert.Contains("quantity is not positive", rule.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(DeadLetterReasons.SchemaViolation, (await WaitForDeadLetterAsync(PackedSubscription, "poison-missing")).DeadLetterReason);
        Assert.Equal(0, _probe.AttemptsOf("ev-poison-base"));

        var report = await _app.Get<HealthReporter>().CheckAsync(CancellationToken.None);
        var serviceBus = report.Dependencies["serviceBus"];
        Assert.True(serviceBus.Healthy, serviceBus.Error);
        var deadLetters = Assert.IsType<Dictionary<string, int>>(serviceBus.Details!["deadLetters"]);
        Assert.Equal(5, deadLetters[PackedSubscription.Path]);
        Assert.Equal(0, deadLetters[ShippedSubscription.Path]);
        Assert.Equal(5, serviceBus.Details["deadLetterTotal"]);
        Assert.Equal("test-events", serviceBus.Details["topic"]);
    }

    [Fact]
    public async Task A_known_event_type_without_a_handler_here_is_completed_not_dead_lettered()
    {
        await using var sender = _fixture.Client.CreateSender(MessagingTopology.NoDedupTopic);
        var breach = new Core.Events.Risk.SlaBreachedV1("i", "s", "did:key:p", "did:key:b", "availability", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1, "USDC");
        await sender.SendMessageAsync(CloudEventMessages.ToMessage(EventEnvelope.Create(breach, "ev-not-ours", DateTimeOffset.UtcNow)));

        await WaitUntilSettledAsync(PackedSubscription);

        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(PackedSubscription.Path));
        Assert.Equal(0, _probe.AttemptsOf("ev-not-ours"));
    }

    [Fact]
    public async Task The_health_check_fails_when_the_app_topic_does_not_exist()
    {
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), services => services.Configure<Platform.Hosting.AppOptions>(o => o.Name = "ghost"), startHostedServices: false);

        var report = await app.Get<HealthReporter>().CheckAsync(CancellationToken.None);

        Assert.False(report.Dependencies["serviceBus"].Healthy);
        Assert.Contains("ServiceBusException", report.Dependencies["serviceBus"].Error, StringComparison.Ordinal);
    }

    private static ServiceBusMessage Copy(ServiceBusMessage message, string messageId)
    {
        var copy = new ServiceBusMessage(message.Body) { MessageId = messageId, Subject = message.Subject, ContentType = message.ContentType };
        foreach (var (key, value) in message.ApplicationProperties)
        {
            copy.ApplicationProperties[key] = value;
        }

        copy.ApplicationProperties["cloudEvents_id"] = messageId;
        return copy;
    }

    private async Task<string> SendAsync<TEvent>(TEvent data, string? eventId = null)
        where TEvent : IIntegrationEvent
    {
        eventId ??= EventIds.New(DateTimeOffset.UtcNow);
        await using var sender = _fixture.Client.CreateSender(TEvent.Topic);
        await sender.SendMessageAsync(CloudEventMessages.ToMessage(EventEnvelope.Create(data, eventId, DateTimeOffset.UtcNow)));
        return eventId;
    }

    private Task WaitForCommitAsync(string eventId) =>
        Eventually.TrueAsync(() => _probe.CommitsOf(eventId) > 0, $"event {eventId} to be handled");

    private Task WaitUntilSettledAsync(ServiceBusEntity subscription) =>
        Eventually.TrueAsync(
            () =>
            {
                var info = _fixture.Emulator.GetEntity(subscription.Path)!;
                return info.ActiveMessageCount == 0 && info.LockedMessageCount == 0;
            },
            $"{subscription.Path} to be empty");

    private async Task<ServiceBusReceivedMessage> WaitForDeadLetterAsync(ServiceBusEntity subscription, string messageId)
    {
        await using var receiver = _fixture.Client.CreateReceiver(subscription.QueueOrTopic, subscription.Subscription, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        return await Eventually.GetAsync(
            async () =>
            {
                var peeked = await receiver.PeekMessagesAsync(100, fromSequenceNumber: 0);
                return peeked.FirstOrDefault(m => m.MessageId == messageId);
            },
            $"message {messageId} in the dead-letter queue of {subscription.Path}");
    }

    private async Task<WidgetCount> CountOfAsync(string widgetId) =>
        (await _app.Get<TableStores>().For<WidgetCount>(WidgetHandler.Table).FindAsync(WidgetHandler.PartitionOf(widgetId), "count", CancellationToken.None))!;

    private async Task<bool> RowExistsAsync(string partition, string rowKey)
    {
        var response = await _app.Get<TableStores>().Client(WidgetHandler.Table).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(partition, rowKey);
        return response.HasValue;
    }
}
