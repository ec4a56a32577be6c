namespace MLGov.Core.Errors;

/// <summary>The caller could not be authenticated (missing, forged, expired or replayed credentials).</summary>
public class UnauthorizedException : DomainException
{
    public UnauthorizedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Unauthorized";

    public override string Kind => "unauthorized";
}
