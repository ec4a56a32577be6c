namespace MLGov.Core.Errors;

/// <summary>The addressed resource does not exist.</summary>
public class NotFoundException : DomainException
{
    public NotFoundException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Not found";

    public override string Kind => "not-found";
}
