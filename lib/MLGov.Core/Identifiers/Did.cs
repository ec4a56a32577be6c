using System.Text.RegularExpressions;

namespace MLGov.Core.Identifiers;

/// <summary>
/// The syntax of a decentralized identifier as DID Core 1.0 (§3.1) defines it:
/// <c>did:</c> method-name <c>:</c> method-specific-id, where the method name is lower-case letters
/// and digits, and the method-specific id is idchars (ALPHA DIGIT . - _ and %XX) in colon-separated
/// segments of which the last is not empty. Paths, queries and fragments (DID URLs) are not DIDs.
/// Resolution (whether the DID exists and what its document says) is the identity library's job.
/// </summary>
public static partial class Did
{
    /// <summary>The longest DID accepted: long enough for did:web with a path, short enough for a Table key.</summary>
    public const int MaxLength = 512;

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(value);

    /// <summary>The method name (<c>key</c>, <c>web</c>, <c>pkh</c>), or null when the value is not a DID.</summary>
    public static string? MethodOf(string? value) =>
        IsValid(value) ? value![4..value!.IndexOf(':', 4)] : null;

    public static string Problem(string member) =>
        $"{member} must be a DID (did:method:identifier as DID Core defines it, at most {MaxLength} characters).";

    [GeneratedRegex("^did:[a-z0-9]+:(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
