using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>Checks a raw signature a remote signer (Key Vault) returned before it goes into a JWS.</summary>
public static class JwsSignatures
{
    /// <summary>
    /// The JOSE signature for <paramref name="signingInput"/> under <paramref name="key"/>: an ECDSA R||S is put in
    /// low-s form when s is above n/2 (required for ES256K, harmless for ES256), then it must verify as the trust
    /// verifier checks it. Null when the bytes are malformed or do not verify with the key.
    /// </summary>
    public static byte[]? ToVerifiedJose(PublicKey key, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        var candidate = key.Type == KeyType.Ed25519 ? signature.ToArray() : Signatures.ToLowS(key.Type, signature);
        return candidate is not null && Signatures.Verify(key, signingInput, candidate, requireLowS: key.Type == KeyType.Secp256k1)
            ? candidate
            : null;
    }
}
