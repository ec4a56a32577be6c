namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>A receiver attached to a store: told when messages may be available, it pulls them while it has credit.</summary>
internal interface IMessageConsumer
{
    /// <summary>Called outside the store's lock when messages became available.</summary>
    void OnMessagesAvailable();

    /// <summary>
    /// Called outside the store's lock when a lock this consumer acquired has ended: expired, settled by lock token
    /// (through <c>$management</c> or by this consumer itself), or purged. A consumer that settled the lock itself
    /// has already let go of it and ignores the call.
    /// </summary>
    void OnLockEnded(Guid lockToken);
}
