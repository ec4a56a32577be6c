using System.Globalization;
using System.Text.RegularExpressions;

namespace MLGov.Trust.Dids;

/// <summary>
/// The did:web method's DID-to-URL rules (W3C CCG did:web, "Read"): the method-specific id's colons become slashes, a
/// percent-encoded colon in the host part is a port, <c>https://</c> goes in front, and <c>/.well-known</c> is added when
/// there is no path, then <c>/did.json</c>. What the spec or safety rules out is refused: IP addresses (the spec forbids
/// them), user information, empty or dot path segments, percent-encodings other than the port colon, ports outside 1–65535.
/// </summary>
public static partial class DidWeb
{
    public const string Prefix = "did:web:";

    /// <summary>The HTTPS URL of the DID's document, or null with the reason. <paramref name="scheme"/> is https except in development.</summary>
    public static Uri? TryToUrl(string? did, out string? problem, string scheme = "https")
    {
        if (!Core.Identifiers.Did.IsValid(did) || !did!.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "Not a did:web.";
            return null;
        }

        var segments = did[Prefix.Length..].Split(':');
        var hostAndPort = segments[0].Replace("%3A", ":", StringComparison.OrdinalIgnoreCase);
        var colon = hostAndPort.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? hostAndPort : hostAndPort[..colon];
        var port = colon < 0 ? null : hostAndPort[(colon + 1)..];
        if (!HostName().IsMatch(host) || IPv4().IsMatch(host))
        {
            problem = "The host must be a domain name (no IP address, user information or other percent-encoding).";
            return null;
        }

        if (port is not null && (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit) || port[0] == '0'
            || int.Parse(port, CultureInfo.InvariantCulture) > 65535))
        {
            problem = "The port must be a number from 1 to 65535.";
            return null;
        }

        var path = segments.Skip(1).ToList();
        if (path.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('%', StringComparison.Ordinal)))
        {
            problem = "Path segments must be non-empty, not '.' or '..', and not percent-encoded.";
            return null;
        }

        var url = scheme + "://" + host.ToLowerInvariant() + (port is null ? string.Empty : ":" + port)
            + (path.Count == 0 ? "/.well-known" : "/" + string.Join('/', path)) + "/did.json";
        problem = null;
        return new Uri(url, UriKind.Absolute);
    }

    /// <summary>Whether the DID names a loopback host (localhost), which is fetched over HTTP in development only.</summary>
    public static bool IsLoopback(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        var host = did[Prefix.Length..].Split(':')[0].Replace("%3A", ":", StringComparison.OrdinalIgnoreCase).Split(':')[0].ToLowerInvariant();
        return host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);
    }

    // RFC 1123 labels: letters, digits and inner hyphens, at most 63 characters each, at most 253 in all.
    [GeneratedRegex("^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();
}
