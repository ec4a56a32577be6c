namespace MLGov.ServiceBusEmulator;

/// <summary>A snapshot of one queue or subscription, for health checks, tests and operators.</summary>
/// <param name="Path">Entity path: <c>queue</c> or <c>topic/Subscriptions/name</c>.</param>
/// <param name="ActiveMessageCount">Messages waiting to be received (not locked, deferred or scheduled).</param>
/// <param name="LockedMessageCount">Messages held under a peek-lock right now.</param>
/// <param name="DeferredMessageCount">Deferred messages.</param>
/// <param name="ScheduledMessageCount">Scheduled messages not yet enqueued.</param>
/// <param name="DeadLetterMessageCount">Messages in the entity's dead-letter queue.</param>
public sealed record EntityRuntimeInfo(
    string Path,
    int ActiveMessageCount,
    int LockedMessageCount,
    int DeferredMessageCount,
    int ScheduledMessageCount,
    int DeadLetterMessageCount)
{
    /// <summary>All messages in the entity itself, dead-lettered ones excluded.</summary>
    public int TotalMessageCount => ActiveMessageCount + LockedMessageCount + DeferredMessageCount + ScheduledMessageCount;
}
