namespace MLGov.Trust.Http;

/// <summary>Limits on fetching a DID document or a status list: time, size, and which URLs may be fetched at all.</summary>
public sealed record HttpFetchOptions
{
    /// <summary>The whole request, headers and body, must complete within this time.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest body read; a larger one is refused without reading the rest.</summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// Development only: allow plain HTTP to loopback hosts (localhost, 127.0.0.0/8, ::1). Off, only HTTPS is fetched,
    /// and loopback hosts are refused altogether, so a credential cannot point a production verifier at its own machine.
    /// </summary>
    public bool AllowLoopbackHttp { get; init; }

    public static readonly HttpFetchOptions Default = new();
}
