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

/// <summary>The "MLGov" meter's instruments are recorded where the outbox and the consumers act.</summary>
[Collection(Backbone.Collection)]
public sealed class MetricsTests : IClassFixture<BackboneFixture>
{
    private const string Table = "test";
    private static readonly ServiceBusEntity ShippedSubscription = ServiceBusEntity.ForSubscription(MessagingTopology.WidgetsTopic, MessagingTopology.Consumer);

    private readonly BackboneFixture _fixture;

    public MetricsTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_dispatch_counts_the_events_sent_and_their_lag_per_destination()
    {
        using var metrics = new MeasurementCollector();
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), s => s.AddOutbox(Table), startHostedServices: false);
        foreach (var widget in new[] { "m1", "m2" })
        {
            var batch = await app.Get<TableStores>().For<WidgetRow>(Table).BatchAsync("w:" + widget, CancellationToken.None);
            batch.Add(new WidgetRow { PartitionKey = "w:" + widget, Quantity = 1 }).Publish(new WidgetShippedV1(widget, 1));
            await batch.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(2, await app.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        var destination = ("destination", (object?)MessagingTopology.WidgetsTopic);
        Assert.Equal(2, metrics.Of("mlgov.outbox.dispatched", destination).Sum(m => m.Value));
        var lags = metrics.Of("mlgov.outbox.lag", destination);
        Assert.Equal(2, lags.Count);
        Assert.All(lags, lag => Assert.True(lag.Value >= 0, $"lag {lag.Value} ms"));
    }

    [Fact]
    public async Task The_consumer_records_handler_durations_by_outcome_and_counts_dead_letters_by_reason()
    {
        using var metrics = new MeasurementCollector();
        _fixture.Emulator.Purge(ShippedSubscription.Path);
        _fixture.Emulator.Purge(ShippedSubscription.Path + "/$DeadLetterQueue");
        var probe = new HandlerProbe();
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), services =>
        {
            services.AddSingleton(probe);
            services.AddEventHandler<WidgetShippedV1, WidgetHandler>(MessagingTopology.Consumer);
        });
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        await using (var sender = _fixture.Client.CreateSender(MessagingTopology.WidgetsTopic))
        {
            await sender.SendMessageAsync(CloudEventMessages.ToMessage(Platform.Events.EventEnvelope.Create(new WidgetShippedV1("m3", 1), eventId, DateTimeOffset.UtcNow)));
            await sender.SendMessageAsync(new ServiceBusMessage(BinaryData.FromString("{}")) { MessageId = "not-a-cloud-event", Subject = WidgetShippedV1.EventType });
        }

        var subscription = ("subscription", (object?)ShippedSubscription.Path);
        await Eventually.TrueAsync(() => metrics.Of("mlgov.events.dead_lettered", subscription).Count > 0, "the dead letter to be counted");
        await Eventually.TrueAsync(() => metrics.Of("mlgov.handler.duration", subscription).Count > 0, "the handling to be measured");

        var deadLetter = Assert.Single(metrics.Of("mlgov.events.dead_lettered", subscription));
        Assert.Equal(DeadLetterReasons.InvalidCloudEvent, deadLetter.Tags["reason"]);
        Assert.Equal(1, deadLetter.Value);
        var handled = Assert.Single(metrics.Of("mlgov.handler.duration", subscription));
        Assert.Equal(WidgetShippedV1.EventType, handled.Tags["event_type"]);
        Assert.Equal("completed", handled.Tags["outcome"]);
        Assert.True(handled.Value >= 0, $"duration {handled.Value} ms");
    }
}
