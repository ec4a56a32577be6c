using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MLGov.Trust.Dids;

namespace MLGov.Identity.Resolution;

/// <summary>Reads the DID of <c>/1.0/identifiers/{did}</c> as the client sent it.</summary>
public static class ResolutionRoute
{
    private const string Marker = "/identifiers/";

    /// <summary>
    /// The DID from the undecoded request target: routing decodes <c>%3A</c> to a colon, which would turn
    /// <c>did:web:localhost%3A8080</c> (a port) into <c>did:web:localhost:8080</c> (a path). A client that escaped the
    /// whole DID (<c>did%3Aweb%3A…</c>, as encodeURIComponent does) is decoded once. Falls back to the route value when the
    /// server does not expose the raw target.
    /// </summary>
    public static string IdentifierOf(HttpRequest request, string routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return routeValue;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        var start = path.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return routeValue;
        }

        var segment = path[(start + Marker.Length)..];
        return segment.StartsWith("did%3A", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(segment) : segment;
    }

    /// <summary>True when the client asked for a DID document representation and not for a resolution result.</summary>
    public static bool WantsDocumentOnly(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0 || accept.Contains(DidResolutionResponse.ResultMediaType, StringComparison.OrdinalIgnoreCase)
            || accept.Contains("https://w3id.org/did-resolution", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return accept.Contains(DidResolutionResult.DidLdJson, StringComparison.OrdinalIgnoreCase)
            || accept.Contains(DidResolutionResult.DidJson, StringComparison.OrdinalIgnoreCase);
    }
}
