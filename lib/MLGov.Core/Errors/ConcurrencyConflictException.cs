namespace MLGov.Core.Errors;

/// <summary>
/// An optimistic-concurrency check failed: the entity changed (or appeared) since it was read.
/// The caller should re-read and retry; nothing was written.
/// </summary>
public sealed class ConcurrencyConflictException : ConflictException
{
    public ConcurrencyConflictException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Concurrent modification";

    public override string Kind => "concurrency-conflict";
}
