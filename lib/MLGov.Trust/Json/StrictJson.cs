using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLGov.Trust.Json;

/// <summary>
/// Parses JSON that a signature or a fetched document carries: an object at the root, bounded depth, no comments or
/// trailing commas, and no member name twice at any depth. Two readers that disagree on which duplicate wins would
/// see two different credentials behind one signature, so duplicates are refused rather than resolved.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    // The same rules with the parser refusing repeated names itself (compared unescaped and ordinal, at every depth),
    // so well-formed input is parsed once, without a second walk over the tree and a copy of it.
    private static readonly JsonDocumentOptions StrictOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
        AllowDuplicateProperties = false,
    };

    /// <summary>The object the bytes hold, or null with the reason (<paramref name="what"/> names the thing in it).</summary>
    public static JsonObject? TryParseObject(ReadOnlySpan<byte> utf8, string what, out string? problem)
    {
        // RFC 8259 §8.1: JSON exchanged between systems is UTF-8. The parser leaves the bytes inside strings unchecked until
        // they are read (which would then throw), so the whole text is checked first (vectorized, a small cost).
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            problem = $"The {what} is not UTF-8 JSON.";
            return null;
        }

        try
        {
            if (JsonNode.Parse(utf8, null, StrictOptions) is JsonObject parsed)
            {
                problem = null;
                return parsed;
            }
        }
        catch (JsonException)
        {
            // Refused: the general path below says why.
        }
        catch (InvalidOperationException)
        {
            // A name the parser cannot unescape (a lone surrogate): likewise.
        }

        return Explain(utf8, what, out problem);
    }

    /// <summary>The general path, which finds the reason for a refusal (and accepts nothing the path above refuses wrongly).</summary>
    private static JsonObject? Explain(ReadOnlySpan<byte> utf8, string what, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"The {what} is not a JSON object.";
                return null;
            }

            var repeated = FirstRepeatedName(document.RootElement);
            if (repeated is not null)
            {
                problem = $"The {what} repeats the member '{repeated}'.";
                return null;
            }

            problem = null;
            return JsonObject.Create(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            problem = $"The {what} is not JSON.";
            return null;
        }
        catch (ArgumentException)
        {
            problem = $"The {what} is not UTF-8 JSON.";
            return null;
        }
        catch (InvalidOperationException)
        {
            // A member name escaping a lone surrogate (\ud800) cannot be read as text.
            problem = $"The {what} has a member name that is not valid Unicode.";
            return null;
        }
    }

    private static string? FirstRepeatedName(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var member in element.EnumerateObject())
                {
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!names.Add(member.Name))
                    {
                        return member.Name;
                    }

                    if (FirstRepeatedName(member.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstRepeatedName(item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
