using System.Net;
using System.Net.Http.Headers;

namespace MLGov.Trust.Http;

/// <summary>
/// GETs a URL with the limits of <see cref="HttpFetchOptions"/>: HTTPS only (loopback HTTP in development), a time limit
/// on the whole exchange, a cap on the body read (checked on Content-Length and again while reading, for chunked bodies),
/// and redirects judged by the same URL rules. The <see cref="HttpClient"/> is the caller's (from IHttpClientFactory in
/// an app; its handler should not follow redirects itself, see <see cref="CreateHandler"/>). Never throws on network or
/// server faults: they are results.
/// </summary>
public sealed class BoundedHttpFetcher
{
    private const int MaxRedirects = 3;

    private readonly HttpClient _http;
    private readonly HttpFetchOptions _options;

    public BoundedHttpFetcher(HttpClient http, HttpFetchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? HttpFetchOptions.Default;
    }

    public HttpFetchOptions Options => _options;

    /// <summary>A handler that leaves redirects to this fetcher, so each hop is checked against the URL rules.</summary>
    public static SocketsHttpHandler CreateHandler() => new() { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };

    /// <summary>Why the URL may not be fetched under the options, or null when it may.</summary>
    public string? UrlProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return "The URL is not absolute.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "The URL carries user information.";
        }

        var loopback = url.IsLoopback;
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return loopback && !_options.AllowLoopbackHttp ? "Loopback hosts are fetched only in development." : null;
        }

        if (url.Scheme == Uri.UriSchemeHttp && loopback && _options.AllowLoopbackHttp)
        {
            return null;
        }

        return "Only HTTPS URLs are fetched" + (loopback ? " (loopback HTTP only in development)." : ".");
    }

    public async Task<HttpFetchResult> GetAsync(Uri url, string accept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (UrlProblem(url) is { } problem)
                {
                    return HttpFetchResult.Refused(problem);
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= MaxRedirects)
                    {
                        return HttpFetchResult.Failed("Too many redirects.");
                    }

                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    return HttpFetchResult.NotFound($"{url} answered {status}.");
                }

                if (!response.IsSuccessStatusCode)
                {
                    return HttpFetchResult.Failed($"{url} answered {status}.");
                }

                if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxBodyBytes)
                {
                    return HttpFetchResult.Failed($"The body is {declared} bytes, over the {_options.MaxBodyBytes}-byte limit.");
                }

                var body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
                return body is null
                    ? HttpFetchResult.Failed($"The body is over the {_options.MaxBodyBytes}-byte limit.")
                    : HttpFetchResult.Fetched(body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HttpFetchResult.Failed($"No complete answer within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            return HttpFetchResult.Failed("The request failed: " + ex.Message);
        }
        catch (IOException ex)
        {
            return HttpFetchResult.Failed("Reading the answer failed: " + ex.Message);
        }
    }

    private async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
