using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MLGov.Core.Errors;

namespace MLGov.Platform.Http;

/// <summary>
/// Turns System.Text.Json's errors into problems a caller can act on: keyed by the JSON path of the
/// member at fault (<c>$.incidentId</c>, <c>$.tags[1]</c>; "" for the whole body) and worded in JSON
/// terms. The serializer's own messages name .NET types (<c>System.Int32</c>, the request record), so
/// they are never passed on: the wording is worked out from the body and the type's JSON contract.
/// </summary>
internal static class JsonBodyProblems
{
    /// <summary>The body is not JSON at all: the reader's message says where and what (it names no types).</summary>
    public static ValidationException Malformed(JsonException exception)
    {
        var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
        return ValidationException.For(string.Empty, $"The request body is not well-formed JSON{where}: {ReaderMessage(exception.Message)}");
    }

    /// <summary>Well-formed JSON that does not fit the contract of <paramref name="contract"/>.</summary>
    public static ValidationException Invalid(JsonException exception, JsonElement root, JsonTypeInfo contract)
    {
        var path = exception.Path ?? "$";
        var at = Locate(path, root, contract);
        if (at is null)
        {
            return Problem(path, $"{Name(path)} does not fit this endpoint's request body.");
        }

        var (element, info, unknownMember) = at.Value;
        if (unknownMember)
        {
            return Problem(path, $"{path} is not a member of this request body.");
        }

        if (element is { ValueKind: JsonValueKind.Object } obj && info is { Kind: JsonTypeInfoKind.Object })
        {
            var missing = MissingMembers(obj, info).ToList();
            if (missing.Count > 0)
            {
                var errors = missing.ToDictionary(m => Join(path, m), m => new[] { $"{Join(path, m)} is required." }, StringComparer.Ordinal);
                return new ValidationException(
                    $"The request body lacks required member{(missing.Count == 1 ? string.Empty : "s")}: {string.Join(", ", errors.Keys)}.", errors);
            }
        }

        if (element is { ValueKind: JsonValueKind.Null })
        {
            return Problem(path, $"{Name(path)} must not be null.");
        }

        return info is null
            ? Problem(path, $"{Name(path)} does not fit this endpoint's request body.")
            : Problem(path, $"{Name(path)} must be {Expected(info)}.");
    }

    private static ValidationException Problem(string path, string problem) =>
        ValidationException.For(path == "$" ? string.Empty : path, problem);

    private static string Name(string path) => path == "$" ? "The request body" : path;

    private static string Join(string path, string member) =>
        member.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{member}" : $"{path}['{member}']";

    /// <summary>
    /// Follows the serializer's path through the body and the contract together. Null when the path
    /// cannot be followed; unknownMember when its last step names a member the contract lacks.
    /// </summary>
    private static (JsonElement? Element, JsonTypeInfo? Info, bool UnknownMember)? Locate(string path, JsonElement root, JsonTypeInfo contract)
    {
        var steps = Steps(path);
        if (steps is null)
        {
            return null;
        }

        JsonElement? element = root;
        JsonTypeInfo? info = contract;
        for (var i = 0; i < steps.Count; i++)
        {
            var (member, index) = steps[i];
            if (member is not null)
            {
                element = element is { ValueKind: JsonValueKind.Object } e ? Property(e, member, contract.Options) : null;
                if (info?.Kind == JsonTypeInfoKind.Dictionary)
                {
                    info = info.Options.GetTypeInfo(info.ElementType!);
                    continue;
                }

                var property = info?.Kind == JsonTypeInfoKind.Object ? Find(info, member) : null;
                if (property is null)
                {
                    return info?.Kind == JsonTypeInfoKind.Object && i == steps.Count - 1 ? (element, null, true) : null;
                }

                info = info!.Options.GetTypeInfo(property.PropertyType);
            }
            else
            {
                element = element is { ValueKind: JsonValueKind.Array } a && index < a.GetArrayLength() ? a[index] : null;
                info = info?.Kind == JsonTypeInfoKind.Enumerable ? info.Options.GetTypeInfo(info.ElementType!) : null;
                if (info is null)
                {
                    return null;
                }
            }
        }

        return (element, info, false);
    }

    /// <summary>The steps of a path as the serializer writes it: <c>$.a.b[0]['c d']</c>.</summary>
    private static List<(string? Member, int Index)>? Steps(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var steps = new List<(string?, int)>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                steps.Add((path[(i + 1)..end], 0));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                steps.Add((path[(i + 2)..end], 0));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                steps.Add((null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return steps;
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string member) =>
        info.Properties.FirstOrDefault(p => string.Equals(p.Name, member, StringComparison.Ordinal))
        ?? (info.Options.PropertyNameCaseInsensitive
            ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, member, StringComparison.OrdinalIgnoreCase))
            : null);

    private static JsonElement? Property(JsonElement obj, string member, JsonSerializerOptions options)
    {
        if (obj.TryGetProperty(member, out var exact))
        {
            return exact;
        }

        return options.PropertyNameCaseInsensitive
            ? obj.EnumerateObject().Where(p => string.Equals(p.Name, member, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
    }

    /// <summary>Members the contract requires (required properties, constructor parameters without a default) that the object lacks.</summary>
    private static IEnumerable<string> MissingMembers(JsonElement obj, JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            var required = property.IsRequired
                || (info.Options.RespectRequiredConstructorParameters && property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false });
            if (required && Property(obj, property.Name, info.Options) is null)
            {
                yield return property.Name;
            }
        }
    }

    /// <summary>What a value of this contract looks like in JSON.</summary>
    private static string Expected(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Object => "an object",
            _ when type == typeof(string) || type == typeof(char) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type.IsEnum => "one of: " + string.Join(", ", EnumNames(type, info.Options)),
            _ when type == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
            _ when type == typeof(long) => $"a whole number from {long.MinValue} to {long.MaxValue}",
            _ when type == typeof(short) => $"a whole number from {short.MinValue} to {short.MaxValue}",
            _ when type == typeof(byte) => $"a whole number from {byte.MinValue} to {byte.MaxValue}",
            _ when type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte) => "a whole number in range",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time such as 2025-01-31T12:00:00Z",
            _ when type == typeof(DateOnly) => "a date such as 2025-01-31",
            _ when type == typeof(TimeSpan) => "a duration such as 01:30:00",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(Uri) => "a URI",
            _ when type == typeof(byte[]) => "a base64 string",
            _ => "a value of another kind",
        };
    }

    /// <summary>The names the string enum converter accepts: camelCase, or the name an attribute gives.</summary>
    private static IEnumerable<string> EnumNames(Type type, JsonSerializerOptions options)
    {
        var policy = options.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
        return type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? policy.ConvertName(f.Name));
    }

    /// <summary>The reader's message without the position suffix it appends (the position is reported separately).</summary>
    private static string ReaderMessage(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.Trim();
    }
}
