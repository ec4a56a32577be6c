using MLGov.Core.Events.Risk;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Telemetry;

namespace MLGov.Finance.Payouts;

/// <summary>Consumes com.mlgov.risk.sla.breached.v1 (subscription finance-payouts) into a payout intent.</summary>
public sealed class PayoutOnSlaBreach : IEventHandler<SlaBreachedV1>
{
    /// <summary>Finance's subscription on risk-events (infra/servicebus/topology.json).</summary>
    public const string Subscription = "finance-payouts";

    private readonly PayoutIntents _intents;

    public PayoutOnSlaBreach(PayoutIntents intents)
    {
        _intents = intents;
    }

    public async Task HandleAsync(SlaBreachedV1 data, EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        using var span = MLGovTelemetry.Source.StartActivity("record payout intent");
        span?.SetTag("mlgov.incident_id", data.IncidentId);
        span?.SetTag("cloudevents.event_id", context.EventId);
        await _intents.RecordAsync(data, context, cancellationToken).ConfigureAwait(false);
    }
}
