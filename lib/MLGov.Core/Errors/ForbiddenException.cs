namespace MLGov.Core.Errors;

/// <summary>The caller is known but not allowed to do this.</summary>
public class ForbiddenException : DomainException
{
    public ForbiddenException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Forbidden";

    public override string Kind => "forbidden";
}
