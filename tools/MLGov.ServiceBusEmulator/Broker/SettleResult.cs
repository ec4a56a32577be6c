namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>Result of settling or renewing by lock token.</summary>
internal enum SettleResult
{
    Ok,

    /// <summary>The lock expired or the token was never issued: Service Bus's MessageLockLost.</summary>
    LockLost,
}
