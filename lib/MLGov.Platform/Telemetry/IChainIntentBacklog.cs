namespace MLGov.Platform.Telemetry;

/// <summary>
/// How many chain intents an app has recorded and not yet written to the chain, for the
/// mlgov.chain.intents.pending gauge. Registered by the app that writes to the chain
/// (<c>services.AddSingleton&lt;IChainIntentBacklog, ...&gt;()</c>); with none registered the gauge
/// reports nothing. Read on every metrics collection, so it returns a kept count, not a query.
/// </summary>
public interface IChainIntentBacklog
{
    long Pending { get; }
}
