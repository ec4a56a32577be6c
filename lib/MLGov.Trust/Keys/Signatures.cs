using System.Security.Cryptography;
using NSec.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Secp256k1Net;

namespace MLGov.Trust.Keys;

/// <summary>
/// Raw signatures as JOSE carries them: Ed25519 as RFC 8032's 64 bytes, ECDSA over SHA-256 as R||S, 32 bytes each (RFC 7518 §3.4).
/// The one place that chooses the primitive for each curve, the fastest measured here (docs/identity.md): libsodium
/// (NSec) for Ed25519, libsecp256k1 (Secp256k1.Net) for secp256k1, .NET's <see cref="ECDsa"/> for P-256 verification.
/// </summary>
internal static class Signatures
{
    public const int Length = 64;

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    // A libsecp256k1 context verifies and signs from any number of threads at once (only randomizing or destroying it
    // needs exclusive access, which this code never does), so one serves the process.
    private static readonly Secp256k1 Secp256k1Context = new();

    /// <summary>The NSec form of a 32-byte Ed25519 key the caller has validated; null if NSec refuses it.</summary>
    public static NSec.Cryptography.PublicKey? PrepareEd25519(ReadOnlySpan<byte> key) =>
        NSec.Cryptography.PublicKey.TryImport(Ed25519, key, KeyBlobFormat.RawPublicKey, out var imported) ? imported : null;

    /// <summary>
    /// libsecp256k1's parsed form of a SEC 1 secp256k1 point (33 or 65 bytes), and the point compressed; null when the
    /// bytes are not a point on the curve (libsecp256k1's parser checks that).
    /// </summary>
    public static byte[]? PrepareSecp256k1(ReadOnlySpan<byte> encoded, out byte[]? compressed)
    {
        compressed = null;
        var parsed = new byte[64];
        if (!Secp256k1Context.EcPubkeyParse(parsed, encoded))
        {
            return null;
        }

        var output = new byte[PublicKey.CompressedPointLength];
        nuint length = (nuint)output.Length;
        if (!Secp256k1Context.EcPubkeySerialize(output, ref length, parsed, Secp256k1EcFlags.Compressed) || length != (nuint)output.Length)
        {
            return null;
        }

        compressed = output;
        return parsed;
    }

    public static bool Verify(PublicKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, bool requireLowS)
    {
        if (signature.Length != Length)
        {
            return false;
        }

        switch (key.Type)
        {
            case KeyType.Ed25519:
                // libsodium's verification is strict: S must be below the group order, R and A canonical and not of small order.
                return Ed25519.Verify((NSec.Cryptography.PublicKey)key.Verifier, data, signature);
            case KeyType.Secp256k1:
                // Ethereum and libsecp256k1 accept only s ≤ n/2: with both (r, s) and (r, n − s) valid, a third party could
                // change a signature's bytes without the key, and anything keyed by signature bytes would see two.
                // libsecp256k1's verification refuses high s itself; the explicit check keeps the rule visible here.
                if (requireLowS && !IsLowS(signature[32..], Secp256k1HalfOrder))
                {
                    return false;
                }

                Span<byte> parsedSignature = stackalloc byte[64];
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(data, hash);
                // Parsing the compact form refuses r or s at or above n; verification refuses r or s equal to zero.
                return Secp256k1Context.EcdsaSignatureParseCompact(parsedSignature, signature)
                    && Secp256k1Context.EcdsaVerify(parsedSignature, hash, (byte[])key.Verifier);
            case KeyType.P256:
                if (requireLowS && !IsLowS(signature[32..], P256HalfOrder))
                {
                    return false;
                }

                Span<byte> digest = stackalloc byte[32];
                SHA256.HashData(data, digest);
                return ((P256Verifier)key.Verifier).Verify(digest, signature);
            default:
                return false;
        }
    }

    public static byte[] Sign(KeyType type, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> data)
    {
        switch (type)
        {
            case KeyType.Ed25519:
                using (var key = Key.Import(Ed25519, privateKey, KeyBlobFormat.RawPrivateKey))
                {
                    return Ed25519.Sign(key, data);
                }

            case KeyType.Secp256k1:
            {
                // libsecp256k1 signs with RFC 6979 deterministic nonces and always emits low s.
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(data, hash);
                Span<byte> parsed = stackalloc byte[64];
                var result = new byte[Length];
                if (!Secp256k1Context.EcdsaSign(parsed, hash, privateKey) || !Secp256k1Context.EcdsaSignatureSerializeCompact(result, parsed))
                {
                    throw new CryptographicException("libsecp256k1 could not sign with this key.");
                }

                return result;
            }

            default:
                return SignWithBouncyCastle(type, privateKey, data);
        }
    }

    /// <summary>
    /// An ECDSA R||S signature (64 bytes) with s replaced by n − s when s is above n/2, the form the ES256K check
    /// requires; both forms verify the same message. Null when the bytes are not 64 or r or s is outside [1, n − 1].
    /// </summary>
    public static byte[]? ToLowS(KeyType type, ReadOnlySpan<byte> signature)
    {
        if (type == KeyType.Ed25519 || signature.Length != Length)
        {
            return null;
        }

        var n = Curves.For(type).N;
        var r = new BigInteger(1, signature[..32].ToArray());
        var s = new BigInteger(1, signature[32..].ToArray());
        if (r.SignValue <= 0 || r.CompareTo(n) >= 0 || s.SignValue <= 0 || s.CompareTo(n) >= 0)
        {
            return null;
        }

        if (s.CompareTo(n.ShiftRight(1)) > 0)
        {
            s = n.Subtract(s);
        }

        var result = signature.ToArray();
        Array.Clear(result, 32, 32);
        var sBytes = s.ToByteArrayUnsigned();
        sBytes.CopyTo(result.AsSpan(Length - sBytes.Length));
        return result;
    }

    // P-256 signatures are made here with RFC 6979 deterministic nonces (no dependence on the quality of a random source
    // at signing time), which .NET's ECDsa does not offer; signing is not on the hot path.
    private static byte[] SignWithBouncyCastle(KeyType type, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> data)
    {
        var domain = Curves.For(type);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey.ToArray()), domain));
        var rs = signer.GenerateSignature(SHA256.HashData(data));
        var s = rs[1];
        // Always emit low-s, so signatures made here are canonical for every curve.
        if (s.CompareTo(domain.N.ShiftRight(1)) > 0)
        {
            s = domain.N.Subtract(s);
        }

        var result = new byte[Length];
        var rBytes = rs[0].ToByteArrayUnsigned();
        var sBytes = s.ToByteArrayUnsigned();
        rBytes.CopyTo(result.AsSpan(32 - rBytes.Length));
        sBytes.CopyTo(result.AsSpan(Length - sBytes.Length));
        return result;
    }

    // n/2 of each curve, big-endian, for comparing s as bytes without a big-integer allocation.
    private static readonly byte[] Secp256k1HalfOrder = Curves.For(KeyType.Secp256k1).N.ShiftRight(1).ToByteArrayUnsigned();
    private static readonly byte[] P256HalfOrder = Curves.For(KeyType.P256).N.ShiftRight(1).ToByteArrayUnsigned();

    private static bool IsLowS(ReadOnlySpan<byte> s, ReadOnlySpan<byte> halfOrder) => s.SequenceCompareTo(halfOrder) <= 0;
}
