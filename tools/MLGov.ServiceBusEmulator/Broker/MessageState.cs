namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>Message states as the SDK's <c>x-opt-message-state</c> annotation numbers them.</summary>
internal enum MessageState
{
    Active = 0,
    Deferred = 1,
    Scheduled = 2,
}
