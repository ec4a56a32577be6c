namespace MLGov.Core.Errors;

/// <summary>The request conflicts with the current state of the resource.</summary>
public class ConflictException : DomainException
{
    public ConflictException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Conflict";

    public override string Kind => "conflict";
}
