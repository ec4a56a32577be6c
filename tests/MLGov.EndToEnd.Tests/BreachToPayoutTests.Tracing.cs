using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MLGov.Testing;

namespace MLGov.EndToEnd.Tests;

/// <summary>
/// One breach is one trace: the caller's W3C trace id is kept by Risk's function span, the outbox
/// dispatch, Finance's consumer span and the payout it records.
/// </summary>
public sealed partial class BreachToPayoutTests
{
    [Fact]
    public async Task One_breach_keeps_the_callers_trace_id_from_the_http_request_to_the_payout()
    {
        using var spans = new SpanCollector();
        var caller = SpanCollector.NewCaller();
        using var client = StackFixture.ClientFor(_stack.Host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/risk/incidents") { Content = JsonContent.Create(IncidentBodies.Valid("inc-e2e-trace")) };
        request.Headers.Add("traceparent", caller.TraceParent);

        using var created = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await WaitForPayoutIntentAsync(client, "inc-e2e-trace");
        var trace = await Eventually.GetAsync(
            () => Task.FromResult(spans.Of(caller.TraceId) is var found && found.Any(IsFinanceConsumer) && found.Any(s => s.OperationName == "record payout intent") ? found : null),
            "Finance's consumer span of the breach");

        var http = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("RecordIncident", http.OperationName);
        Assert.Equal("risk", http.GetTagItem("mlgov.app"));
        Assert.Equal(caller.CallerSpanId, http.ParentSpanId);

        var dispatch = trace.First(s => s.Kind == ActivityKind.Producer);
        Assert.Equal(http.SpanId, dispatch.ParentSpanId);
        Assert.Equal("send risk-events", dispatch.OperationName);

        var consumer = trace.First(IsFinanceConsumer);
        Assert.Equal(http.SpanId, consumer.ParentSpanId);
        Assert.Equal("completed", consumer.GetTagItem("mlgov.outcome"));

        var payout = trace.First(s => s.OperationName == "record payout intent");
        Assert.Equal(consumer.SpanId, payout.ParentSpanId);
        Assert.Equal("inc-e2e-trace", payout.GetTagItem("mlgov.incident_id"));
    }

    private static bool IsFinanceConsumer(Activity span) =>
        span.Kind == ActivityKind.Consumer && Equals(span.GetTagItem("messaging.destination.subscription.name"), "finance-payouts");
}
