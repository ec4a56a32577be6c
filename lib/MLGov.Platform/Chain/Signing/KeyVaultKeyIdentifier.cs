using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.RegularExpressions;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// A Key Vault key id taken apart: <c>{vault}/keys/{name}[/{version}]</c>. Only https is accepted, except on a
/// loopback address (the local stand-in), so a bearer token never crosses a network in clear text.
/// </summary>
internal sealed partial record KeyVaultKeyIdentifier(Uri Vault, string Name, string? Version)
{
    /// <summary>The key's URL, versioned when the version is known.</summary>
    public Uri KeyUri => new(Vault, Version is null ? $"keys/{Name}" : $"keys/{Name}/{Version}");

    public static bool TryParse(Uri id, [NotNullWhen(true)] out KeyVaultKeyIdentifier? identifier, [NotNullWhen(false)] out string? problem)
    {
        identifier = null;
        problem = null;
        if (!id.IsAbsoluteUri)
        {
            problem = "an absolute URL is needed.";
            return false;
        }

        if (id.Scheme != Uri.UriSchemeHttps && !(id.Scheme == Uri.UriSchemeHttp && IsLoopback(id)))
        {
            problem = "https is required (http only on a loopback address).";
            return false;
        }

        if (!string.IsNullOrEmpty(id.UserInfo) || !string.IsNullOrEmpty(id.Query) || !string.IsNullOrEmpty(id.Fragment))
        {
            problem = "no user info, query or fragment is allowed.";
            return false;
        }

        var segments = id.AbsolutePath.Trim('/').Split('/');
        if (segments.Length is < 2 or > 3 || segments[0] != "keys" || !NamePattern().IsMatch(segments[1])
            || (segments.Length == 3 && !VersionPattern().IsMatch(segments[2])))
        {
            problem = "the form is {vault}/keys/{name} or {vault}/keys/{name}/{version}.";
            return false;
        }

        identifier = new KeyVaultKeyIdentifier(new Uri(id.GetLeftPart(UriPartial.Authority) + "/"), segments[1], segments.Length == 3 ? segments[2] : null);
        return true;
    }

    /// <summary>Reads a <c>kid</c> returned by the vault: it must be this key on this vault, with a version.</summary>
    public bool TryReadVersionedKid(string? kid, [NotNullWhen(true)] out KeyVaultKeyIdentifier? versioned)
    {
        versioned = null;
        if (kid is null || !Uri.TryCreate(kid, UriKind.Absolute, out var uri) || !TryParse(uri, out var parsed, out _))
        {
            return false;
        }

        if (parsed.Version is null || Uri.Compare(parsed.Vault, Vault, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
            || !string.Equals(parsed.Name, Name, StringComparison.OrdinalIgnoreCase) || (Version is not null && !string.Equals(parsed.Version, Version, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        versioned = parsed;
        return true;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    // Key Vault object names: 1-127 characters, letters, digits and dashes.
    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9A-Za-z]{1,64}$")]
    private static partial Regex VersionPattern();
}
