using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>
/// Verifies compact JWS (RFC 7515 §7.1) against one public key. The key decides the algorithm: the header's <c>alg</c>
/// must be the one algorithm that key type has, so <c>none</c>, HMAC with a public key as secret, and cross-curve
/// confusion are all refused before any signature arithmetic. Never throws on bad input.
/// </summary>
public static class JwsVerifier
{
    // A header is a handful of short members; a bound keeps a hostile token from making us parse megabytes of JSON.
    private const int MaxHeaderBytes = 4096;

    public static JwsVerificationResult Verify(string? jws, PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(jws))
        {
            return JwsVerificationResult.Invalid("The JWS is empty.");
        }

        var parts = jws.Split('.');
        if (parts.Length != 3)
        {
            return JwsVerificationResult.Invalid("Not a compact JWS: it must have exactly three dot-separated parts.");
        }

        if (parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            // An empty payload is the detached form (RFC 7515 Appendix F), which needs the payload from elsewhere.
            return JwsVerificationResult.Invalid("Every part of the compact JWS must be present; detached payloads are not supported.");
        }

        if (!TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
        {
            return JwsVerificationResult.Invalid("A part of the JWS is not unpadded base64url.");
        }

        if (headerBytes.Length > MaxHeaderBytes)
        {
            return JwsVerificationResult.Invalid("The protected header is too large.");
        }

        var header = ParseHeader(headerBytes, out var headerProblem);
        if (header is null)
        {
            return JwsVerificationResult.Invalid(headerProblem!);
        }

        var alg = header["alg"] is JsonValue algValue && algValue.TryGetValue<string>(out var a) ? a : null;
        if (alg is null)
        {
            return JwsVerificationResult.Invalid("The protected header has no string alg.");
        }

        var keyType = JwsAlgorithms.KeyTypeOf(alg);
        if (keyType is null)
        {
            return JwsVerificationResult.Invalid($"alg '{alg}' is not accepted.");
        }

        if (keyType != key.Type)
        {
            return JwsVerificationResult.Invalid($"alg '{alg}' does not match the {key.Type} key.");
        }

        if (header.ContainsKey("crit"))
        {
            // RFC 7515 §4.1.11: a recipient must reject a JWS naming a critical extension it does not understand; this
            // verifier understands none, so any crit (and an empty one, which the RFC forbids) is refused.
            return JwsVerificationResult.Invalid("The header names critical extensions this verifier does not understand.");
        }

        if (header.ContainsKey("b64"))
        {
            // RFC 7797's unencoded payload changes what is signed and must come with crit, which is refused above.
            return JwsVerificationResult.Invalid("The b64 header parameter is not supported.");
        }

        var signingInput = System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var valid = Signatures.Verify(key, signingInput, signature, requireLowS: key.Type == KeyType.Secp256k1);
        return valid
            ? new JwsVerificationResult(null, header, payload)
            : JwsVerificationResult.Invalid("The signature does not verify.");
    }

    private static JsonObject? ParseHeader(byte[] bytes, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "The protected header is not a JSON object.";
                return null;
            }

            // RFC 7515 §5.2 lets a verifier reject duplicate members; two alg members read differently by two
            // libraries is exactly the confusion to avoid, so duplicates are refused.
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (!names.Add(member.Name))
                {
                    problem = $"The protected header repeats '{member.Name}'.";
                    return null;
                }
            }

            problem = null;
            return JsonNode.Parse(bytes)!.AsObject();
        }
        catch (JsonException)
        {
            problem = "The protected header is not JSON.";
            return null;
        }
        catch (ArgumentException)
        {
            problem = "The protected header is not UTF-8 JSON.";
            return null;
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Core.Encoding.Base64Url.Decode(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
