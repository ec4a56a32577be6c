namespace MLGov.Trust.Http;

public enum HttpFetchOutcome
{
    /// <summary>A 2xx response with a body within the limit.</summary>
    Fetched,

    /// <summary>The server answered 404 or 410.</summary>
    NotFound,

    /// <summary>Unreachable, timed out, another status, or a body over the limit.</summary>
    Failed,

    /// <summary>The URL is not one that may be fetched (not HTTPS, or loopback outside development); nothing was sent.</summary>
    Refused,
}
