using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Messaging;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Messaging.Consuming;

/// <summary>Concurrency, prefetch and lock renewal are set per subscription, in configuration.</summary>
[Collection(Backbone.Collection)]
public sealed class SubscriptionSettingsTests : IClassFixture<BackboneFixture>
{
    private static readonly ServiceBusEntity Subscription = ServiceBusEntity.ForSubscription(MessagingTopology.NoDedupTopic, MessagingTopology.Consumer);

    private readonly BackboneFixture _fixture;

    public SubscriptionSettingsTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task A_subscription_handles_as_many_messages_at_once_as_its_own_setting_allows(int concurrency)
    {
        _fixture.Emulator.Purge(Subscription.Path);
        var probe = new HandlerProbe();
        var configuration = _fixture.Configuration(extra: new Dictionary<string, string?>
        {
            ["Messaging:MaxConcurrentCalls"] = "16",
            ["Messaging:Subscriptions:nodedup_events_consumer:MaxConcurrentCalls"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var app = await TestApp.StartAsync(configuration, services =>
        {
            services.AddSingleton(probe);
            services.AddEventHandler<WidgetPackedV1, WidgetHandler>(MessagingTopology.Consumer);
        });

        var ids = new List<string>();
        await using (var sender = _fixture.Client.CreateSender(MessagingTopology.NoDedupTopic))
        {
            for (var i = 0; i < 12; i++)
            {
                var id = EventIds.New(DateTimeOffset.UtcNow);
                ids.Add(id);
                await sender.SendMessageAsync(CloudEventMessages.ToMessage(EventEnvelope.Create(new WidgetPackedV1("s" + i, 1, "slow"), id, DateTimeOffset.UtcNow)));
            }
        }

        await Eventually.TrueAsync(() => Task.FromResult(ids.All(id => probe.CommitsOf(id) == 1)), "every message to be handled");

        if (concurrency == 1)
        {
            Assert.Equal(1, probe.MaxConcurrent);
        }
        else
        {
            Assert.InRange(probe.MaxConcurrent, 2, concurrency);
        }
    }

    [Fact]
    public void The_settings_of_a_subscription_override_the_defaults_and_keep_them_where_unset()
    {
        var options = new MessagingOptions { MaxConcurrentCalls = 16, PrefetchCount = 0, TransientRetryBudget = TimeSpan.FromMinutes(15) };
        options.Subscriptions["risk_events_finance_payouts"] = new SubscriptionOptions { PrefetchCount = 40, MaxAutoLockRenewalDuration = TimeSpan.FromMinutes(30) };

        Assert.Equal((16, 40, TimeSpan.FromMinutes(30)), options.For(ServiceBusEntity.ForSubscription("risk-events", "finance-payouts")));
        Assert.Equal((16, 0, TimeSpan.FromMinutes(20)), options.For(ServiceBusEntity.ForSubscription("risk-events", "risk-slashing")));
    }

    [Fact]
    public async Task A_subscription_setting_out_of_range_stops_the_app_at_start()
    {
        var configuration = _fixture.Configuration(extra: new Dictionary<string, string?>
        {
            ["Messaging:Subscriptions:nodedup_events_consumer:MaxConcurrentCalls"] = "0",
        });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(configuration, services =>
        {
            services.AddSingleton(new HandlerProbe());
            services.AddEventHandler<WidgetPackedV1, WidgetHandler>(MessagingTopology.Consumer);
        }, startHostedServices: false));

        Assert.Contains("Messaging:Subscriptions:nodedup_events_consumer", refused.Message, StringComparison.Ordinal);
    }
}
