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

    /// <summary>The object the bytes hold, or null with the reason (<paramref name="what"/> names the thing in it).</summary>
    public static JsonObject? TryParseObject(ReadOnlySpan<byte> utf8, string what, out string? problem)
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
