using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MLGov.Platform.Telemetry;

/// <summary>
/// The one activity source and the one meter of MLGov, both named "MLGov", and their instruments.
/// Spans: a function invocation (Server), an outbox dispatch (Producer), a consumed event (Consumer),
/// and the apps' own (for example Finance's "record payout intent"). See docs/architecture.md.
/// </summary>
public static class MLGovTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "MLGov";

    private static readonly ConcurrentDictionary<IChainIntentBacklog, string> Backlogs = new();

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Events the broker accepted from an outbox; tag destination (the topic).</summary>
    public static Counter<long> OutboxDispatched { get; } = Meter.CreateCounter<long>(
        "mlgov.outbox.dispatched", "{event}", "Events the broker accepted from an outbox");

    /// <summary>From an outbox row's CreatedAt (the commit) to the broker's acceptance; tag destination.</summary>
    public static Histogram<double> OutboxLag { get; } = Meter.CreateHistogram<double>(
        "mlgov.outbox.lag", "ms", "Time from an event's commit in the outbox to the broker accepting it");

    /// <summary>Messages a consumer dead-lettered; tags subscription, reason (<see cref="Messaging.Consuming.DeadLetterReasons"/>).</summary>
    public static Counter<long> DeadLettered { get; } = Meter.CreateCounter<long>(
        "mlgov.events.dead_lettered", "{message}", "Messages a consumer moved to the dead-letter queue");

    /// <summary>From receiving an event to settling it; tags subscription, event_type, outcome.</summary>
    public static Histogram<double> HandlerDuration { get; } = Meter.CreateHistogram<double>(
        "mlgov.handler.duration", "ms", "Time from receiving an event to settling its message");

    /// <summary>Chain intents recorded but not yet written to the chain, per app (fed by <see cref="IChainIntentBacklog"/>).</summary>
    public static ObservableGauge<long> ChainIntentsPending { get; } = Meter.CreateObservableGauge(
        "mlgov.chain.intents.pending", ObserveBacklogs, "{intent}", "Chain intents recorded and not yet on the chain");

    /// <summary>The parent a span continues: a W3C traceparent (and tracestate) from elsewhere, or none when absent or malformed.</summary>
    public static ActivityContext ParentFrom(string? traceParent, string? traceState) =>
        !string.IsNullOrEmpty(traceParent) && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context)
            ? context
            : default;

    /// <summary>Adds a backlog to the gauge until the result is disposed.</summary>
    internal static IDisposable Observe(IChainIntentBacklog backlog, string app)
    {
        Backlogs[backlog] = app;
        return new Observation(backlog);
    }

    private static IEnumerable<Measurement<long>> ObserveBacklogs() =>
        Backlogs.Select(b => new Measurement<long>(b.Key.Pending, new KeyValuePair<string, object?>("app", b.Value))).ToList();

    private sealed class Observation(IChainIntentBacklog backlog) : IDisposable
    {
        public void Dispose() => Backlogs.TryRemove(backlog, out _);
    }
}
