namespace MLGov.Core.Errors;

/// <summary>
/// Base of the small set of typed errors domain code throws. Each maps to one HTTP status
/// and one problem type; the message is safe to show to the caller.
/// </summary>
public abstract class DomainException : Exception
{
    protected DomainException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>A short, stable, human-readable summary of the problem type (RFC 9457 "title").</summary>
    public abstract string Title { get; }

    /// <summary>The last segment of the problem type URI, for example "validation".</summary>
    public abstract string Kind { get; }
}
