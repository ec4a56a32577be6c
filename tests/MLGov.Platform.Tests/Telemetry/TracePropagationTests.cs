using System.Diagnostics;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Telemetry;

/// <summary>
/// The trace of the code that publishes an event travels with it (CloudEvents distributed tracing
/// extension): in the outbox row, on the Service Bus message, into the dispatch and consumer spans.
/// </summary>
[Collection(Backbone.Collection)]
public sealed class TracePropagationTests : IClassFixture<BackboneFixture>
{
    private const string Table = "test";
    private static readonly ServiceBusEntity ShippedSubscription = ServiceBusEntity.ForSubscription(MessagingTopology.WidgetsTopic, MessagingTopology.Consumer);

    private readonly BackboneFixture _fixture;

    public TracePropagationTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_published_event_carries_the_publishers_traceparent_in_its_outbox_row_and_its_message()
    {
        using var spans = new SpanCollector();
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        var caller = SpanCollector.NewCaller();
        string eventId;
        string traceParent;
        using (var publisher = new Activity("publish widget").SetParentId(caller.TraceParent).Start())
        {
            publisher.TraceStateString = "mlgov=test";
            traceParent = publisher.Id!;
            eventId = await PublishAsync(app, "t1");
        }

        var row = await OutboxRowAsync(app, "w:t1", eventId);
        using (var payload = JsonDocument.Parse(row.Payload))
        {
            Assert.Equal(traceParent, payload.RootElement.GetProperty("traceparent").GetString());
            Assert.Equal("mlgov=test", payload.RootElement.GetProperty("tracestate").GetString());
        }

        Assert.Equal(1, await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        var message = await ReceiveAsync(MessagingTopology.Audit, eventId);
        Assert.Equal(traceParent, message.ApplicationProperties["cloudEvents_traceparent"]);
        Assert.Equal("mlgov=test", message.ApplicationProperties["cloudEvents_tracestate"]);
        Assert.Equal(traceParent, message.ApplicationProperties["Diagnostic-Id"]);
        Assert.Equal(traceParent, CloudEventMessages.FromMessage(message)["traceparent"]);

        var dispatch = Assert.Single(spans.Of(caller.TraceId), s => s.Kind == ActivityKind.Producer);
        Assert.Equal(ActivitySpanId.CreateFromString(traceParent.AsSpan(36, 16)), dispatch.ParentSpanId);
        Assert.Equal(MessagingTopology.WidgetsTopic, dispatch.GetTagItem("messaging.destination.name"));
        Assert.Equal(eventId, dispatch.GetTagItem("mlgov.event_ids"));
    }

    [Fact]
    public async Task An_event_published_outside_any_trace_has_no_traceparent()
    {
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        var previous = Activity.Current;
        Activity.Current = null;
        string eventId;
        try
        {
            eventId = await PublishAsync(app, "t2");
        }
        finally
        {
            Activity.Current = previous;
        }

        var row = await OutboxRowAsync(app, "w:t2", eventId);
        using var payload = JsonDocument.Parse(row.Payload);
        Assert.False(payload.RootElement.TryGetProperty("traceparent", out _));
    }

    [Fact]
    public async Task The_consumer_span_continues_the_events_trace_and_covers_the_handler()
    {
        using var spans = new SpanCollector();
        _fixture.Emulator.Purge(ShippedSubscription.Path);
        var probe = new HandlerProbe();
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), services =>
        {
            services.AddSingleton(probe);
            services.AddEventHandler<WidgetShippedV1, WidgetHandler>(MessagingTopology.Consumer);
        });
        var caller = SpanCollector.NewCaller();
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        var envelope = Platform.Events.EventEnvelope.Create(new WidgetShippedV1("t3", 1), eventId, DateTimeOffset.UtcNow);
        envelope["traceparent"] = caller.TraceParent;
        await using (var sender = _fixture.Client.CreateSender(MessagingTopology.WidgetsTopic))
        {
            await sender.SendMessageAsync(CloudEventMessages.ToMessage(envelope));
        }

        var consumer = await Eventually.GetAsync(
            () => Task.FromResult(spans.Of(caller.TraceId).FirstOrDefault(s => s.Kind == ActivityKind.Consumer)),
            "the consumer span");

        Assert.Equal(caller.CallerSpanId, consumer.ParentSpanId);
        Assert.Equal("process " + ShippedSubscription.Path, consumer.OperationName);
        Assert.Equal(eventId, consumer.GetTagItem("cloudevents.event_id"));
        Assert.Equal(WidgetShippedV1.EventType, consumer.GetTagItem("cloudevents.event_type"));
        Assert.Equal("completed", consumer.GetTagItem("mlgov.outcome"));
        Assert.Equal(caller.TraceId, probe.TraceOf(eventId));
    }

    private static async Task<string> PublishAsync(TestApp app, string widgetId)
    {
        var partition = "w:" + widgetId;
        var batch = await app.Get<TableStores>().For<WidgetRow>(Table).BatchAsync(partition, CancellationToken.None);
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        batch.Add(new WidgetRow { PartitionKey = partition, Quantity = 1 }).Publish(new WidgetShippedV1(widgetId, 1), eventId);
        await batch.CommitAsync(CancellationToken.None);
        return eventId;
    }

    private static async Task<OutboxMessage> OutboxRowAsync(TestApp app, string partition, string eventId)
    {
        var response = await app.Get<TableStores>().Client(Table).GetEntityAsync<OutboxMessage>(partition, OutboxMessage.RowKeyPrefix + eventId);
        return response.Value;
    }

    private async Task<ServiceBusReceivedMessage> ReceiveAsync(string subscription, string messageId)
    {
        await using var receiver = _fixture.Client.CreateReceiver(MessagingTopology.WidgetsTopic, subscription);
        return await Eventually.GetAsync(
            async () =>
            {
                foreach (var message in await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(1)))
                {
                    if (message.MessageId == messageId)
                    {
                        await receiver.CompleteMessageAsync(message);
                        return message;
                    }

                    await receiver.AbandonMessageAsync(message);
                }

                return null;
            },
            $"message {messageId} on {subscription}");
    }
}
