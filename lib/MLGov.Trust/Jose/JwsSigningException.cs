namespace MLGov.Trust.Jose;

/// <summary>
/// A JWS key signer could not sign. <see cref="IsTransient"/> says whether the same request can succeed later
/// (throttling, timeouts, a service that is briefly down) or needs an operator (no access, no such key, a key of
/// the wrong type). Either way nothing was signed.
/// </summary>
public sealed class JwsSigningException : Exception
{
    public JwsSigningException()
    {
    }

    public JwsSigningException(string message)
        : base(message)
    {
    }

    public JwsSigningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JwsSigningException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when trying again later can succeed; false when an operator must act.</summary>
    public bool IsTransient { get; }

    /// <summary>How long the service asked to wait before the next request, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
