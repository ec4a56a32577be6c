using Microsoft.Azure.Amqp.Encoding;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>Names of the Service Bus AMQP dialect (annotations, error conditions, management keys).</summary>
internal static class ServiceBusAmqp
{
    public const string SequenceNumberAnnotation = "x-opt-sequence-number";
    public const string EnqueueSequenceNumberAnnotation = "x-opt-enqueue-sequence-number";
    public const string EnqueuedTimeAnnotation = "x-opt-enqueued-time";
    public const string LockedUntilAnnotation = "x-opt-locked-until";
    public const string ScheduledEnqueueTimeAnnotation = "x-opt-scheduled-enqueue-time";
    public const string MessageStateAnnotation = "x-opt-message-state";
    public const string DeadLetterSourceAnnotation = "x-opt-deadletter-source";
    public const string PartitionKeyAnnotation = "x-opt-partition-key";

    public const string CbsAddress = "$cbs";
    public const string SaslMechanism = "MSSBCBS";

    public static readonly AmqpSymbol DeadLetterCondition = new("com.microsoft:dead-letter");
    public static readonly AmqpSymbol MessageLockLostCondition = new("com.microsoft:message-lock-lost");
    public static readonly AmqpSymbol MessageNotFoundCondition = new("com.microsoft:message-not-found");
    public static readonly AmqpSymbol ArgumentErrorCondition = new("com.microsoft:argument-error");
    public static readonly AmqpSymbol SessionFilterName = new("com.microsoft:session-filter");

    public const string DeadLetterReasonInfo = "DeadLetterReason";
    public const string DeadLetterErrorDescriptionInfo = "DeadLetterErrorDescription";

    /// <summary>Annotations only the broker sets; a sender's values for them are dropped.</summary>
    public static bool IsBrokerAnnotation(string key) => key is
        SequenceNumberAnnotation or EnqueueSequenceNumberAnnotation or EnqueuedTimeAnnotation or
        LockedUntilAnnotation or MessageStateAnnotation or DeadLetterSourceAnnotation;
}
