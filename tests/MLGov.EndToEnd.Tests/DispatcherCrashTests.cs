using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using MLGov.DevStack;
using MLGov.Testing;
using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;
using MLGov.ServiceBusEmulator;

namespace MLGov.EndToEnd.Tests;

/// <summary>
/// Risk's dispatcher is killed after Service Bus accepted the event and before the outbox row was
/// marked sent; the restarted stack sends it again, and Finance still records one payout intent.
/// </summary>
public sealed class DispatcherCrashTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _dependencies;

    public DispatcherCrashTests(DependenciesFixture dependencies)
    {
        _dependencies = dependencies;
    }

    [Fact]
    public async Task A_dispatcher_killed_between_send_and_mark_resends_on_restart_and_finance_acts_once()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, TopologyPath = LocalDependencies.TopologyPath });
        var configuration = StackFixture.ConfigurationFor(_dependencies, emulator, DependenciesFixture.UniquePrefix());
        var outbox = new TableClient(_dependencies.Dependencies.Azurite.ConnectionString, configuration["Tables:TablePrefix"] + "risk");
        var probe = new HandlerProbe();
        CrashBeforeMarkStore? crashing = null;
        string eventId;

        // First life: Risk's dispatcher sends the event, then the process "dies" before marking the row.
        var firstApps = StackFixture.AppsWith(new Dictionary<string, Action<IServiceCollection>>
        {
            ["risk"] = services => services.AddSingleton<IOutboxStore>(p => crashing = new CrashBeforeMarkStore(new TableOutboxStore(p.GetRequiredService<TableStores>()))),
            ["finance"] = StackFixture.ObserveFinance(probe),
        });
        await using (var first = await StackFixture.StartHostAsync(firstApps, configuration))
        {
            using var client = StackFixture.ClientFor(first);
            using var created = await client.PostAsJsonAsync("api/risk/incidents", IncidentBodies.Valid("inc-crash-1", 4200));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            eventId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>();
            Assert.Equal(eventId, await crashing!.SentButNotMarked.WaitAsync(TimeSpan.FromSeconds(30)));
            await Eventually.TrueAsync(() => probe.CommitsOf(eventId) == 1, "finance to record the payout intent");
            await Eventually.TrueAsync(
                () => emulator.GetEntity("risk-events/Subscriptions/finance-payouts")!.TotalMessageCount == 0,
                "finance to complete the message");
        }

        Assert.Equal(OutboxState.Pending, await OutboxStates.OfAsync(outbox, eventId));

        // Second life: the ordinary apps on the same tables and broker.
        await using (var second = await StackFixture.StartHostAsync(StackFixture.AppsWith("finance", StackFixture.ObserveFinance(probe)), configuration))
        {
            await Eventually.TrueAsync(
                async () => await OutboxStates.OfAsync(outbox, eventId) == OutboxState.Sent,
                "the restarted dispatcher to resend and record the commit");
            using var client = StackFixture.ClientFor(second);
            using var intent = await client.GetAsync(new Uri("api/finance/payout-intents/inc-crash-1", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, intent.StatusCode);
            Assert.Equal(eventId, (await intent.Content.ReadFromJsonAsync<JsonObject>())!["sourceEventId"]!.GetValue<string>());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, probe.CommitsOf(eventId));
        var finance = emulator.GetEntity("risk-events/Subscriptions/finance-payouts")!;
        Assert.Equal(0, finance.TotalMessageCount);
        Assert.Equal(0, finance.DeadLetterMessageCount);
        // The resent copy was dropped by the topic's duplicate detection: the other subscription,
        // which nobody consumes here, holds exactly one copy.
        Assert.Equal(1, emulator.GetEntity("risk-events/Subscriptions/risk-slashing")!.ActiveMessageCount);
    }
}
