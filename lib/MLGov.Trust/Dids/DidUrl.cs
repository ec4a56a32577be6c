using MLGov.Core.Identifiers;

namespace MLGov.Trust.Dids;

/// <summary>
/// A DID URL (DID Core §3.2): a DID, then an optional path, <c>?query</c> and <c>#fragment</c>, each made only of the
/// characters RFC 3986 allows there (pchar, percent-encodings well formed). A JWS <c>kid</c> naming a verification method
/// is a DID URL with a fragment and nothing else, which <see cref="TryParseMethodReference"/> checks.
/// </summary>
public sealed record DidUrl(string Did, string Path, string? Query, string? Fragment)
{
    /// <summary>Longer than any DID (<see cref="Core.Identifiers.Did.MaxLength"/>) plus a reasonable fragment.</summary>
    public const int MaxLength = 1024;

    /// <summary>The DID URL as text: the DID, the path, <c>?query</c> and <c>#fragment</c>.</summary>
    public override string ToString() =>
        Did + Path + (Query is null ? string.Empty : "?" + Query) + (Fragment is null ? string.Empty : "#" + Fragment);

    /// <summary>
    /// Reads a DID URL. False, with the reason, for: empty or too long text, a DID part that is not a DID, a path segment,
    /// query or fragment with a character RFC 3986 does not allow there, or a broken percent-encoding.
    /// </summary>
    public static bool TryParse(string? text, out DidUrl? url, out string? problem)
    {
        url = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            problem = $"A DID URL is a non-empty text of at most {MaxLength} characters.";
            return false;
        }

        var end = text.IndexOfAny(['/', '?', '#']);
        var did = end < 0 ? text : text[..end];
        if (!Core.Identifiers.Did.IsValid(did))
        {
            problem = "The DID URL does not start with a valid DID.";
            return false;
        }

        var rest = end < 0 ? string.Empty : text[end..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash < 0 ? null : rest[(hash + 1)..];
        var beforeFragment = hash < 0 ? rest : rest[..hash];
        var question = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        var query = question < 0 ? null : beforeFragment[(question + 1)..];
        var path = question < 0 ? beforeFragment : beforeFragment[..question];

        if (!IsValidPart(path, allowSlash: true, allowQuestion: false))
        {
            problem = "The DID URL path has a character a URI path does not allow.";
            return false;
        }

        if (query is not null && !IsValidPart(query, allowSlash: true, allowQuestion: true))
        {
            problem = "The DID URL query has a character a URI query does not allow.";
            return false;
        }

        if (fragment is not null && !IsValidPart(fragment, allowSlash: true, allowQuestion: true))
        {
            problem = "The DID URL fragment has a character a URI fragment does not allow.";
            return false;
        }

        url = new DidUrl(did, path, query, fragment);
        problem = null;
        return true;
    }

    /// <summary>
    /// Reads a reference to a verification method: a DID URL with a non-empty fragment and no path or query, the form
    /// a JWS <c>kid</c> and a DID document's method ids take.
    /// </summary>
    public static bool TryParseMethodReference(string? text, out DidUrl? url, out string? problem)
    {
        if (!TryParse(text, out url, out problem))
        {
            return false;
        }

        if (url!.Fragment is not { Length: > 0 } || url.Path.Length > 0 || url.Query is not null)
        {
            url = null;
            problem = "A verification method reference is a DID with a fragment and no path or query.";
            return false;
        }

        return true;
    }

    // RFC 3986 §3.3–3.5: pchar = unreserved / pct-encoded / sub-delims / ":" / "@"; query and fragment add "/" and "?".
    private static bool IsValidPart(string part, bool allowSlash, bool allowQuestion)
    {
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '%')
            {
                if (i + 2 >= part.Length || !char.IsAsciiHexDigit(part[i + 1]) || !char.IsAsciiHexDigit(part[i + 2]))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            var ok = char.IsAsciiLetterOrDigit(c)
                || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@'
                || (allowSlash && c == '/')
                || (allowQuestion && c == '?');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
