namespace MLGov.Core.Errors;

/// <summary>The request body exceeds the accepted size.</summary>
public class PayloadTooLargeException : DomainException
{
    public PayloadTooLargeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Payload too large";

    public override string Kind => "payload-too-large";
}
