namespace MLGov.Trust.Status;

/// <summary>Fetches a status list credential (a VC-JWT) from its URL. Never throws on a fault: the result says what went wrong.</summary>
public interface IStatusListFetcher
{
    ValueTask<StatusListFetch> FetchAsync(Uri url, CancellationToken cancellationToken = default);
}
