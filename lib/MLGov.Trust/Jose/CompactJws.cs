using System.Text.Json.Nodes;
using MLGov.Trust.Json;

namespace MLGov.Trust.Jose;

/// <summary>
/// A compact JWS (RFC 7515 §7.1) taken apart but not yet verified: the protected header, the payload, the signature and
/// the bytes the signature covers. Parsing first lets a verifier read <c>kid</c> to find the key, then verify without
/// decoding the token a second time.
/// </summary>
public sealed class CompactJws
{
    // A header is a handful of short members; a bound keeps a hostile token from making us parse megabytes of JSON.
    private const int MaxHeaderBytes = 4096;

    private readonly byte[] _signingInput;
    private readonly byte[] _payload;
    private readonly byte[] _signature;

    private CompactJws(JsonObject header, string alg, byte[] signingInput, byte[] payload, byte[] signature)
    {
        Header = header;
        Alg = alg;
        _signingInput = signingInput;
        _payload = payload;
        _signature = signature;
    }

    public JsonObject Header { get; }

    /// <summary>The header's <c>alg</c>: always present and a string, not necessarily an accepted one.</summary>
    public string Alg { get; }

    public string? Kid => StringMember("kid");

    public string? Typ => StringMember("typ");

    public ReadOnlySpan<byte> Payload => _payload;

    public byte[] PayloadArray() => _payload.ToArray();

    internal ReadOnlySpan<byte> SigningInput => _signingInput;

    internal ReadOnlySpan<byte> Signature => _signature;

    /// <summary>
    /// Splits and decodes a compact JWS. Null, with the reason, for: not exactly three non-empty parts (the detached
    /// form included), a part that is not unpadded base64url, a header over 4 KiB, not a JSON object, repeating a member,
    /// or without a string <c>alg</c>. Never throws on bad input.
    /// </summary>
    public static CompactJws? TryParse(string? jws, out string? problem)
    {
        if (string.IsNullOrEmpty(jws))
        {
            problem = "The JWS is empty.";
            return null;
        }

        var firstDot = jws.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : jws.IndexOf('.', firstDot + 1);
        if (firstDot < 0 || secondDot < 0 || jws.IndexOf('.', secondDot + 1) >= 0)
        {
            problem = "Not a compact JWS: it must have exactly three dot-separated parts.";
            return null;
        }

        var headerPart = jws.AsSpan(0, firstDot);
        var payloadPart = jws.AsSpan(firstDot + 1, secondDot - firstDot - 1);
        var signaturePart = jws.AsSpan(secondDot + 1);
        if (headerPart.IsEmpty || payloadPart.IsEmpty || signaturePart.IsEmpty)
        {
            // An empty payload is the detached form (RFC 7515 Appendix F), which needs the payload from elsewhere.
            problem = "Every part of the compact JWS must be present; detached payloads are not supported.";
            return null;
        }

        if (!TryDecode(headerPart, out var headerBytes) || !TryDecode(payloadPart, out var payload) || !TryDecode(signaturePart, out var signature))
        {
            problem = "A part of the JWS is not unpadded base64url.";
            return null;
        }

        if (headerBytes.Length > MaxHeaderBytes)
        {
            problem = "The protected header is too large.";
            return null;
        }

        // RFC 7515 §5.2 lets a verifier reject duplicate members; two alg members read differently by two libraries is
        // exactly the confusion to avoid, so duplicates are refused.
        var header = StrictJson.TryParseObject(headerBytes, "protected header", out problem);
        if (header is null)
        {
            return null;
        }

        var alg = header["alg"] is JsonValue algValue && algValue.TryGetValue<string>(out var a) ? a : null;
        if (alg is null)
        {
            problem = "The protected header has no string alg.";
            return null;
        }

        var signingInput = System.Text.Encoding.ASCII.GetBytes(jws, 0, secondDot);
        problem = null;
        return new CompactJws(header, alg, signingInput, payload, signature);
    }

    private string? StringMember(string name) =>
        Header[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool TryDecode(ReadOnlySpan<char> part, out byte[] bytes)
    {
        foreach (var c in part)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                bytes = [];
                return false;
            }
        }

        if (part.Length % 4 == 1)
        {
            bytes = [];
            return false;
        }

        // The decoder also refuses non-zero padding bits ("AB"), so one byte string has one spelling.
        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
