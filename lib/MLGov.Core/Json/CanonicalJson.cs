using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MLGov.Core.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no insignificant
/// whitespace, strings with the minimal JSON escaping, numbers in ECMAScript Number-to-String form.
/// Input must be I-JSON: duplicate member names and non-finite numbers are rejected.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>Canonicalizes JSON text. Throws <see cref="JsonException"/> for malformed or non-I-JSON input.</summary>
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return Serialize(document.RootElement);
    }

    /// <summary>Canonical UTF-8 bytes of JSON text; what signatures and hashes are computed over.</summary>
    public static byte[] CanonicalizeToUtf8(string json) => System.Text.Encoding.UTF8.GetBytes(Canonicalize(json));

    /// <summary>Canonical form of an object serialized with the given options.</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions? options = null) =>
        Serialize(JsonSerializer.SerializeToElement(value, options));

    public static string Serialize(JsonElement element)
    {
        var builder = new StringBuilder();
        try
        {
            Write(builder, element);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json reads an escaped lone surrogate ("\ud800") but cannot turn it into a string; I-JSON
            // (RFC 7493 §2.1, required by RFC 8785) forbids it, and callers expect a JsonException for bad input.
            throw new JsonException("A string or member name is not valid Unicode (a lone surrogate), which I-JSON forbids.", ex);
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(builder, element);
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new JsonException($"The number {element.GetRawText()} is outside the IEEE 754 double range.");
                }

                builder.Append(FormatNumber(number));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new JsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    private static void WriteObject(StringBuilder builder, JsonElement element)
    {
        var members = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            members.Add(property);
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        builder.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                {
                    throw new JsonException($"Duplicate member name \"{members[i].Name}\".");
                }

                builder.Append(',');
            }

            WriteString(builder, members[i].Name);
            builder.Append(':');
            Write(builder, members[i].Value);
        }

        builder.Append('}');
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>ECMAScript Number::toString for a finite double (ECMA-262 §6.1.6.1.20).</summary>
    public static string FormatNumber(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        // "R" yields the shortest digit string that round-trips, which is what ECMAScript requires.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = point < 0 ? mantissa.Length : point;

        // n: the position of the decimal point relative to the first significant digit.
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var n = integerDigits - leadingZeros + exponent;
        var k = digits.Length;

        var result = new StringBuilder(negative ? "-" : string.Empty);
        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            result.Append('e').Append(n - 1 >= 0 ? '+' : '-').Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }
}
