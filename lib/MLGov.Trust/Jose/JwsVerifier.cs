using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>
/// Verifies compact JWS (RFC 7515 §7.1) against one public key. The key decides the algorithm: the header's <c>alg</c>
/// must be the one algorithm that key type has, so <c>none</c>, HMAC with a public key as secret, and cross-curve
/// confusion are all refused before any signature arithmetic. Never throws on bad input.
/// </summary>
public static class JwsVerifier
{
    public static JwsVerificationResult Verify(string? jws, PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parsed = CompactJws.TryParse(jws, out var problem);
        if (parsed is null)
        {
            return JwsVerificationResult.Invalid(problem!);
        }

        problem = Problem(parsed, key);
        return problem is null
            ? new JwsVerificationResult(null, parsed.Header, parsed.PayloadArray())
            : JwsVerificationResult.Invalid(problem);
    }

    /// <summary>Why a parsed JWS does not verify under the key, or null when it does.</summary>
    public static string? Problem(CompactJws jws, PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(key);
        var keyType = JwsAlgorithms.KeyTypeOf(jws.Alg);
        if (keyType is null)
        {
            return $"alg '{jws.Alg}' is not accepted.";
        }

        if (keyType != key.Type)
        {
            return $"alg '{jws.Alg}' does not match the {key.Type} key.";
        }

        if (jws.Header.ContainsKey("crit"))
        {
            // RFC 7515 §4.1.11: a recipient must reject a JWS naming a critical extension it does not understand; this
            // verifier understands none, so any crit (and an empty one, which the RFC forbids) is refused.
            return "The header names critical extensions this verifier does not understand.";
        }

        if (jws.Header.ContainsKey("b64"))
        {
            // RFC 7797's unencoded payload changes what is signed and must come with crit, which is refused above.
            return "The b64 header parameter is not supported.";
        }

        return Signatures.Verify(key, jws.SigningInput, jws.Signature, requireLowS: key.Type == KeyType.Secp256k1)
            ? null
            : "The signature does not verify.";
    }
}
