namespace MLGov.Core.Errors;

/// <summary>The request body is not in a media type the endpoint accepts.</summary>
public class UnsupportedMediaTypeException : DomainException
{
    public UnsupportedMediaTypeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override string Title => "Unsupported media type";

    public override string Kind => "unsupported-media-type";
}
