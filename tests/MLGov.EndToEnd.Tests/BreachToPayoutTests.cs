using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using MLGov.DevStack;
using MLGov.Operations.DeadLetters;
using MLGov.Testing;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Tables;

namespace MLGov.EndToEnd.Tests;

/// <summary>
/// Risk records an SLA breach over HTTP; the sla.breached event goes through Risk's outbox and
/// Service Bus to Finance, which records one payout intent, readable over HTTP.
/// </summary>
public sealed partial class BreachToPayoutTests : IClassFixture<StackFixture>
{
    private static readonly ServiceBusEntity FinancePayouts = ServiceBusEntity.Parse("risk-events/Subscriptions/finance-payouts");

    private readonly StackFixture _stack;

    public BreachToPayoutTests(StackFixture stack)
    {
        _stack = stack;
    }

    [Fact]
    public async Task A_recorded_breach_reaches_finance_as_exactly_one_payout_intent()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var body = IncidentBodies.Valid("inc-e2e-1", compensationMinor: 2500);

        using var created = await client.PostAsJsonAsync("api/risk/incidents", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/risk/incidents/inc-e2e-1", created.Headers.Location?.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        var incident = await created.Content.ReadFromJsonAsync<JsonObject>();
        var eventId = incident!["eventId"]!.GetValue<string>();
        Assert.Equal(2500, incident["compensationMinor"]!.GetValue<long>());

        using var read = await client.GetAsync(new Uri("api/risk/incidents/inc-e2e-1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);

        var intent = await WaitForPayoutIntentAsync(client, "inc-e2e-1");
        Assert.Equal(2500, intent.GetProperty("amountMinor").GetInt64());
        Assert.Equal("USDC", intent.GetProperty("asset").GetString());
        Assert.Equal("pending", intent.GetProperty("status").GetString());
        Assert.Equal(body["beneficiaryDid"]!.GetValue<string>(), intent.GetProperty("beneficiaryDid").GetString());
        Assert.Equal(eventId, intent.GetProperty("sourceEventId").GetString());

        await AssertHandledOnceAsync(eventId, "inc-e2e-1");
        await Eventually.TrueAsync(async () => await OutboxStates.OfAsync(_stack.Table("risk"), eventId) == OutboxState.Sent, "Risk's outbox commit to be recorded sent");
        await AssertNotDeadLetteredAsync(eventId);
    }

    [Fact]
    public async Task Recording_the_same_incident_again_returns_it_and_publishes_nothing_new()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var body = IncidentBodies.Valid("inc-e2e-replay");

        using var first = await client.PostAsJsonAsync("api/risk/incidents", body);
        using var second = await client.PostAsJsonAsync("api/risk/incidents", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        var eventId = (await first.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>();
        Assert.Equal(eventId, (await second.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>());

        await WaitForPayoutIntentAsync(client, "inc-e2e-replay");
        var outboxRows = await OutboxRowsAsync("inc-e2e-replay");
        Assert.Equal(eventId, Assert.Single(outboxRows).EventId);
        await AssertHandledOnceAsync(eventId, "inc-e2e-replay");
    }

    [Fact]
    public async Task The_same_incident_id_with_other_details_is_a_conflict_and_changes_nothing()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        using var first = await client.PostAsJsonAsync("api/risk/incidents", IncidentBodies.Valid("inc-e2e-conflict", 100));

        using var conflict = await client.PostAsJsonAsync("api/risk/incidents", IncidentBodies.Valid("inc-e2e-conflict", 999));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await conflict.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("urn:mlgov:problem:conflict", problem!["type"]!.GetValue<string>());
        using var read = await client.GetAsync(new Uri("api/risk/incidents/inc-e2e-conflict", UriKind.Relative));
        Assert.Equal(100, (await read.Content.ReadFromJsonAsync<JsonObject>())!["compensationMinor"]!.GetValue<long>());
        Assert.Single(await OutboxRowsAsync("inc-e2e-conflict"));
    }

    [Fact]
    public async Task A_finance_consumer_that_fails_once_is_retried_and_records_the_payout_once()
    {
        using var client = StackFixture.ClientFor(_stack.Host);

        using var created = await client.PostAsJsonAsync("api/risk/incidents", IncidentBodies.Valid("flaky-e2e-1"));
        var eventId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>();

        await WaitForPayoutIntentAsync(client, "flaky-e2e-1");
        await AssertHandledOnceAsync(eventId, "flaky-e2e-1");
        Assert.Equal(2, _stack.Probe.AttemptsOf(eventId));
        await AssertNotDeadLetteredAsync(eventId);
    }

    [Fact]
    public async Task A_second_breach_event_for_an_incident_with_a_payout_is_dead_lettered_and_pays_nothing_more()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var body = IncidentBodies.Valid("inc-e2e-twice", compensationMinor: 1800);
        using var created = await client.PostAsJsonAsync("api/risk/incidents", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var eventId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>();
        await WaitForPayoutIntentAsync(client, "inc-e2e-twice");

        // The same incident again as a new event, for far more: a replay under a fresh id, or a forged publisher.
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var forged = new Core.Events.Risk.SlaBreachedV1(
            "inc-e2e-twice", "sla-inference-99", body["providerDid"]!.GetValue<string>(), body["beneficiaryDid"]!.GetValue<string>(),
            "availability", end.AddHours(-1), end, DateTimeOffset.UtcNow, 999_999, "USDC");
        var forgedId = Core.Events.EventIds.New(DateTimeOffset.UtcNow);
        await using (var serviceBus = new ServiceBusClient(_stack.Emulator.ConnectionString))
        await using (var sender = serviceBus.CreateSender("risk-events"))
        {
            await sender.SendMessageAsync(CloudEventMessages.ToMessage(Platform.Events.EventEnvelope.Create(forged, forgedId, DateTimeOffset.UtcNow)));
        }

        var dead = await Eventually.GetAsync(
            async () =>
            {
                await using var serviceBus = new ServiceBusClient(_stack.Emulator.ConnectionString);
                var deadLetters = await new DeadLetterInspector(serviceBus).ListAsync(FinancePayouts, 1000, CancellationToken.None);
                return deadLetters.FirstOrDefault(m => m.EventId == forgedId);
            },
            "the forged breach event in finance's dead-letter queue");
        Assert.Equal(DeadLetterReasons.HandlerRejected, dead.Reason);
        Assert.StartsWith("conflict:", dead.Description, StringComparison.Ordinal);

        var intent = await WaitForPayoutIntentAsync(client, "inc-e2e-twice");
        Assert.Equal(1800, intent.GetProperty("amountMinor").GetInt64());
        Assert.Equal(eventId, intent.GetProperty("sourceEventId").GetString());
        Assert.Equal(0, _stack.Probe.CommitsOf(forgedId));
    }

    [Fact]
    public async Task A_poison_breach_event_is_dead_lettered_and_shows_in_finance_health_and_in_dlq_list()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var before = await DeadLettersInHealthAsync(client);
        await using var serviceBus = new ServiceBusClient(_stack.Emulator.ConnectionString);
        await using var sender = serviceBus.CreateSender("risk-events");
        var poison = new ServiceBusMessage(BinaryData.FromString("""{"incidentId":"poison-1","compensationMinor":"lots"}"""))
        {
            MessageId = "poison-e2e-1",
            Subject = "com.mlgov.risk.sla.breached.v1",
            ContentType = "application/json",
        };
        poison.ApplicationProperties["cloudEvents_specversion"] = "1.0";
        poison.ApplicationProperties["cloudEvents_id"] = "poison-e2e-1";
        poison.ApplicationProperties["cloudEvents_source"] = "/mlgov/risk";
        poison.ApplicationProperties["cloudEvents_type"] = "com.mlgov.risk.sla.breached.v1";

        await sender.SendMessageAsync(poison);

        await Eventually.TrueAsync(async () => await DeadLettersInHealthAsync(client) == before + 1, "finance health to count the dead letter");
        using var console = new RecordingConsole();
        var root = new System.CommandLine.RootCommand { DeadLetterCommand.Create(console.Console, Path.GetTempPath(), LocalDependencies.TopologyPath) };
        var exit = await root.Parse(["dlq", "list", "--entity", FinancePayouts.Path, "--connection-string", _stack.Emulator.ConnectionString]).InvokeAsync();
        Assert.Equal(0, exit);
        Assert.Contains("poison-e2e-1", console.Output, StringComparison.Ordinal);
        Assert.Contains(DeadLetterReasons.SchemaViolation, console.Output, StringComparison.Ordinal);
        Assert.Contains("com.mlgov.risk.sla.breached.v1", console.Output, StringComparison.Ordinal);
    }

    private static async Task<int> DeadLettersInHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("api/finance/health/ready", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var health = JsonDocument.Parse(text);
        var serviceBus = health.RootElement.GetProperty("dependencies").GetProperty("serviceBus");
        Assert.Equal("healthy", serviceBus.GetProperty("status").GetString());
        return serviceBus.GetProperty("details").GetProperty("deadLetters").GetProperty(FinancePayouts.Path).GetInt32();
    }

    private async Task AssertNotDeadLetteredAsync(string eventId)
    {
        await using var serviceBus = new ServiceBusClient(_stack.Emulator.ConnectionString);
        var deadLetters = await new DeadLetterInspector(serviceBus).ListAsync(FinancePayouts, 1000, CancellationToken.None);
        Assert.DoesNotContain(deadLetters, m => m.EventId == eventId);
    }

    private static async Task<JsonElement> WaitForPayoutIntentAsync(HttpClient client, string incidentId)
    {
        var text = await Eventually.GetAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri($"api/finance/payout-intents/{incidentId}", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            },
            $"the payout intent of {incidentId}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Once the subscription is quiet: one successful handling, and the payout partition holds one intent and its inbox row.</summary>
    private async Task AssertHandledOnceAsync(string eventId, string incidentId)
    {
        await Eventually.TrueAsync(
            () =>
            {
                var info = _stack.Emulator.GetEntity(FinancePayouts.Path)!;
                return info.ActiveMessageCount == 0 && info.LockedMessageCount == 0;
            },
            "finance-payouts to be quiet");
        Assert.Equal(1, _stack.Probe.CommitsOf(eventId));
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in _stack.Table("finance").QueryAsync<Azure.Data.Tables.TableEntity>(r => r.PartitionKey == "payouts:" + incidentId))
        {
            rows.Add(row);
        }

        Assert.Equal(["intent", "~inbox~risk-events.finance-payouts~" + eventId], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        var inbox = await ((InboxStore)_stack.Host.ServicesOf("finance").GetService(typeof(InboxStore))!).ListAsync("risk-events.finance-payouts", CancellationToken.None);
        Assert.Single(inbox, e => e.EventId == eventId);
    }

    private async Task<List<OutboxMessage>> OutboxRowsAsync(string incidentId)
    {
        var rows = new List<OutboxMessage>();
        await foreach (var row in _stack.Table("risk").QueryAsync<OutboxMessage>(r => r.PartitionKey == "incidents:" + incidentId && r.RowKey.CompareTo(OutboxMessage.RowKeyPrefix) >= 0))
        {
            rows.Add(row);
        }

        return rows;
    }
}
