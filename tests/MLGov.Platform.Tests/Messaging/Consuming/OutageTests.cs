using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events;
using MLGov.DevStack;
using MLGov.Platform.Events;
using MLGov.Platform.Messaging;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Messaging.Consuming;

/// <summary>
/// Table storage goes away while an event waits to be handled: the consumer must ride the outage out
/// without spending deliveries, and act exactly once when storage is back. Uses an Azurite of its own
/// that keeps its data on disk, so it can be stopped and started again on the same port.
/// </summary>
[Collection(Backbone.Collection)]
public sealed class OutageTests : IClassFixture<BackboneFixture>, IAsyncLifetime
{
    private static readonly ServiceBusEntity Subscription = ServiceBusEntity.ForSubscription(MessagingTopology.WidgetsTopic, MessagingTopology.Consumer);

    private readonly BackboneFixture _fixture;
    private readonly HandlerProbe _probe = new();
    private readonly string _location = Path.Combine(Path.GetTempPath(), "mlgov-outage-" + Guid.NewGuid().ToString("N")[..8]);
    private AzuriteServer _azurite = null!;

    public OutageTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    public async Task InitializeAsync()
    {
        _fixture.Emulator.Purge(Subscription.Path);
        _fixture.Emulator.Purge(Subscription.Path + "/$DeadLetterQueue");
        Directory.CreateDirectory(_location);
        _azurite = await AzuriteServer.StartAsync(0, _location, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_location, recursive: true);
    }

    [Fact]
    public async Task An_event_waits_out_a_table_storage_outage_longer_than_its_deliveries_last_and_is_handled_once()
    {
        // Without retrying in place, three deliveries 50-200 ms apart (the test topology's max
        // delivery count) would be spent within a second of the outage and the event dead-lettered.
        var configuration = _fixture.Configuration(extra: new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = _azurite.ConnectionString,
            ["Messaging:TransientRetryBudget"] = "00:02:00",
            ["Messaging:TransientRetryMaxDelay"] = "00:00:00.500",
        });
        await using var app = await TestApp.StartAsync(configuration, services =>
        {
            services.AddSingleton(_probe);
            services.AddSingleton(_ => new TableServiceClient(_azurite.ConnectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } }));
            services.AddEventHandler<WidgetShippedV1, WidgetHandler>(MessagingTopology.Consumer);
        });
        var port = _azurite.Port;
        var warmUp = await SendAsync(new WidgetShippedV1("warm", 1));
        await Eventually.TrueAsync(() => Task.FromResult(_probe.CommitsOf(warmUp) == 1), "the warm-up event");

        // Azurite writes its data to disk every 5 seconds; let it, since a real outage loses nothing.
        await Task.Delay(TimeSpan.FromSeconds(6));
        await _azurite.DisposeAsync();
        var eventId = await SendAsync(new WidgetShippedV1("o1", 9));
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(0, _probe.CommitsOf(eventId));
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(Subscription.Path));

        _azurite = await AzuriteServer.StartAsync(port, _location, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(_probe.CommitsOf(eventId) == 1), "the event after the outage");
        await Eventually.TrueAsync(
            () => Task.FromResult(_fixture.Emulator.GetEntity(Subscription.Path) is { ActiveMessageCount: 0, LockedMessageCount: 0 }),
            "the subscription to settle");

        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(Subscription.Path));
        Assert.Equal(1, _probe.CommitsOf(eventId));
        var count = await app.Get<Platform.Tables.TableStores>().For<WidgetCount>(WidgetHandler.Table).FindAsync(WidgetHandler.PartitionOf("o1"), "count", CancellationToken.None);
        Assert.Equal(9, count!.Quantity);
    }

    private async Task<string> SendAsync(WidgetShippedV1 data)
    {
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        await using var sender = _fixture.Client.CreateSender(WidgetShippedV1.Topic);
        await sender.SendMessageAsync(CloudEventMessages.ToMessage(EventEnvelope.Create(data, eventId, DateTimeOffset.UtcNow)));
        return eventId;
    }
}
