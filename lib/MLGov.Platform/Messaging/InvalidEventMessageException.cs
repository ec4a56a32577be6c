namespace MLGov.Platform.Messaging;

/// <summary>A received message is not a valid CloudEvent (missing or malformed attributes, unreadable body).</summary>
public sealed class InvalidEventMessageException : Exception
{
    public InvalidEventMessageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
