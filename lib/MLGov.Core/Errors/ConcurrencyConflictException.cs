namespace MLGov.Core.Errors;

/// <summary>
/// An optimistic-concurrency check failed: the entity changed since it was read (its ETag is stale).
/// The caller should re-read and retry; nothing was written. A create that finds the entity there
/// already is an <see cref="AlreadyExistsException"/> instead.
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
