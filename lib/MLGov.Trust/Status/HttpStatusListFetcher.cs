using MLGov.Trust.Http;

namespace MLGov.Trust.Status;

/// <summary>Fetches status list credentials over HTTPS with the limits of a <see cref="BoundedHttpFetcher"/>.</summary>
public sealed class HttpStatusListFetcher(BoundedHttpFetcher http) : IStatusListFetcher
{
    public async ValueTask<StatusListFetch> FetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var result = await http.GetAsync(url, "application/vc+jwt", cancellationToken).ConfigureAwait(false);
        if (result.Outcome != HttpFetchOutcome.Fetched)
        {
            return StatusListFetch.Failed(result.Problem!);
        }

        try
        {
            return StatusListFetch.Fetched(new System.Text.UTF8Encoding(false, true).GetString(result.Body!).Trim());
        }
        catch (System.Text.DecoderFallbackException)
        {
            return StatusListFetch.Failed("The status list credential is not UTF-8 text.");
        }
    }
}
