using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace MLGov.Trust.Keys;

/// <summary>
/// Raw signatures as JOSE carries them: Ed25519 as RFC 8032's 64 bytes, ECDSA over SHA-256 as R||S, 32 bytes each (RFC 7518 §3.4).
/// </summary>
internal static class Signatures
{
    public const int Length = 64;

    public static bool Verify(PublicKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, bool requireLowS)
    {
        if (signature.Length != Length)
        {
            return false;
        }

        if (key.Type == KeyType.Ed25519)
        {
            return Rfc8032.Ed25519.Verify(signature.ToArray(), 0, key.Ed25519Point!, data.ToArray(), 0, data.Length);
        }

        var domain = Curves.For(key.Type);
        var r = new BigInteger(1, signature[..32].ToArray());
        var s = new BigInteger(1, signature[32..].ToArray());
        // Ethereum and libsecp256k1 accept only s ≤ n/2: with both (r, s) and (r, n − s) valid, a third party could
        // change a signature's bytes without the key, and anything keyed by signature bytes would see two.
        if (requireLowS && s.CompareTo(domain.N.ShiftRight(1)) > 0)
        {
            return false;
        }

        var verifier = new ECDsaSigner();
        verifier.Init(false, key.EcParameters!);
        // The signer refuses r or s outside [1, n − 1] itself.
        return verifier.VerifySignature(SHA256.HashData(data), r, s);
    }

    public static byte[] Sign(KeyType type, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> data)
    {
        if (type == KeyType.Ed25519)
        {
            var signature = new byte[Length];
            Rfc8032.Ed25519.Sign(privateKey.ToArray(), 0, data.ToArray(), 0, data.Length, signature, 0);
            return signature;
        }

        var domain = Curves.For(type);
        // RFC 6979 deterministic nonces: no dependence on the quality of a random source at signing time.
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey.ToArray()), domain));
        var rs = signer.GenerateSignature(SHA256.HashData(data));
        var s = rs[1];
        // Always emit low-s, so signatures made here pass the strict ES256K check and are canonical for every curve.
        if (s.CompareTo(domain.N.ShiftRight(1)) > 0)
        {
            s = domain.N.Subtract(s);
        }

        var result = new byte[Length];
        rs[0].ToByteArrayUnsigned().CopyTo(result.AsSpan(32 - rs[0].ToByteArrayUnsigned().Length));
        s.ToByteArrayUnsigned().CopyTo(result.AsSpan(Length - s.ToByteArrayUnsigned().Length));
        return result;
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
}
