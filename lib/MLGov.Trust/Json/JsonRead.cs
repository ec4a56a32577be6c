using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MLGov.Trust.Json;

/// <summary>Typed reads of JSON members that never throw: a member of the wrong kind reads as absent, and callers say so.</summary>
internal static partial class JsonRead
{
    public static string? String(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A JWT NumericDate (RFC 7519 §2): seconds since the epoch, integer or not; null when absent or not a finite number in range.</summary>
    public static DateTimeOffset? NumericDate(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<double>(out var seconds)
            || !double.IsFinite(seconds) || seconds < 0 || seconds > 253402300799)
        {
            return null;
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>An XML Schema dateTimeStamp (a date-time with its time zone), as VCDM 2.0's validFrom and validUntil are; null otherwise.</summary>
    public static DateTimeOffset? DateTimeStamp(string? text) =>
        text is not null && DateTimeStampPattern().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : null;

    /// <summary>The strings of a member that is a string or an array of strings; null when it is absent or anything else.</summary>
    public static IReadOnlyList<string>? StringOrStrings(JsonNode? node)
    {
        if (node is JsonValue single && single.GetValueKind() == JsonValueKind.String)
        {
            return [single.GetValue<string>()];
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            result.Add(value.GetValue<string>());
        }

        return result;
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeStampPattern();
}
