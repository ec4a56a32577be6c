using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MLGov.Identity.Issuing;

/// <summary>
/// The origin credential ids and status list URLs are made from: <c>Identity:PublicBaseUrl</c> when set (set it in
/// Azure to the app's public origin), otherwise the origin the request came to (local runs). A forged Host header can
/// then only make a credential point at a status list that no verifier accepts (it must be signed by this issuer),
/// never hide a revocation from verifiers of credentials issued with the configured origin.
/// </summary>
public sealed class PublicOrigin(IOptions<IdentityOptions> options)
{
    public Uri Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
        }

        return new Uri($"{request.Scheme}://{request.Host.Value}/");
    }
}
