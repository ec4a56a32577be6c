namespace MLGov.Platform.Messaging.Consuming;

/// <summary>The DeadLetterReason values consumers set (the broker adds MaxDeliveryCountExceeded and TTLExpiredException).</summary>
public static class DeadLetterReasons
{
    /// <summary>The message is not a CloudEvent: attributes missing or malformed, body unreadable.</summary>
    public const string InvalidCloudEvent = "InvalidCloudEvent";

    /// <summary>The event type is in neither the platform catalog nor the app's handlers (for example a newer version).</summary>
    public const string UnknownEventType = "UnknownEventType";

    /// <summary>The data does not match the type's schema or breaks its rules.</summary>
    public const string SchemaViolation = "SchemaViolation";

    /// <summary>The handler refused the event for good (a domain error: validation, not found, conflict, forbidden).</summary>
    public const string HandlerRejected = "HandlerRejected";

    /// <summary>Set by the broker when a message failed on every allowed delivery.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>The application property in which consumers leave the last transient failure on a message they abandon.</summary>
    public const string LastErrorProperty = "mlgov-last-error";
}
