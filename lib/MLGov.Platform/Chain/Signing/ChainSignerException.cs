namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// A signer could not sign. <see cref="IsTransient"/> says whether the same request can succeed later
/// (throttling, timeouts, a service that is briefly down) or needs an operator (no access, no such key,
/// a key of the wrong type). Either way no signature exists, so nothing was or can be broadcast.
/// </summary>
public sealed class ChainSignerException : Exception
{
    public ChainSignerException()
    {
    }

    public ChainSignerException(string message)
        : base(message)
    {
    }

    public ChainSignerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChainSignerException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when trying again later can succeed; false when an operator must act.</summary>
    public bool IsTransient { get; }

    /// <summary>How long the service asked to wait before the next request (HTTP Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
