namespace MLGov.Core.Errors;

/// <summary>
/// A create found the resource already there (the row was added by an earlier or a concurrent
/// request). Unlike <see cref="ConcurrencyConflictException"/>, re-reading does not make the same
/// create succeed: the caller decides against what exists (a replay, or a real conflict). Nothing was written.
/// </summary>
public sealed class AlreadyExistsException : ConflictException
{
    public AlreadyExistsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Already exists";

    public override string Kind => "already-exists";
}
