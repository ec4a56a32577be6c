namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>A receiver attached to a store: told when messages may be available, it pulls them while it has credit.</summary>
internal interface IMessageConsumer
{
    /// <summary>Called outside the store's lock when messages became available.</summary>
    void OnMessagesAvailable();
}
