namespace MLGov.Core.Events;

/// <summary>
/// Topic names. Each app publishes to one topic of its own, {app}-events (infra/servicebus/topology.json),
/// and receives through subscriptions on the other apps' topics.
/// </summary>
public static class EventTopics
{
    public const string Identity = "identity-events";

    public const string Registry = "registry-events";

    public const string Voting = "voting-events";

    public const string Finance = "finance-events";

    public const string Risk = "risk-events";

    /// <summary>The topic an app publishes to.</summary>
    public static string Of(string app)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        return app.ToLowerInvariant() + "-events";
    }
}
