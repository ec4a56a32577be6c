namespace MLGov.Trust.Http;

/// <summary>What a bounded fetch gave: the body on success, or whether the resource is missing or the fetch failed, and why.</summary>
public sealed record HttpFetchResult(HttpFetchOutcome Outcome, byte[]? Body, string? Problem)
{
    public static HttpFetchResult Fetched(byte[] body) => new(HttpFetchOutcome.Fetched, body, null);

    public static HttpFetchResult NotFound(string problem) => new(HttpFetchOutcome.NotFound, null, problem);

    public static HttpFetchResult Failed(string problem) => new(HttpFetchOutcome.Failed, null, problem);

    public static HttpFetchResult Refused(string problem) => new(HttpFetchOutcome.Refused, null, problem);
}
