using System.Numerics;
using Nethereum.Signer;
using Org.BouncyCastle.Asn1.Sec;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Turns a plain secp256k1 ECDSA signature (r, s), as a key service returns it, into what Ethereum accepts:
/// low-s (EIP-2) and the recovery id that recovers the signer's public key.
/// </summary>
internal static class Secp256k1Signature
{
    /// <summary>The group order n of secp256k1 (SEC 2, section 2.4.1).</summary>
    public static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    public static readonly BigInteger HalfOrder = Order / 2;

    /// <summary>True when (x, y) is a point of secp256k1 other than infinity.</summary>
    public static bool IsOnCurve(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var curve = SecNamedCurves.GetByName("secp256k1").Curve;
        try
        {
            var point = curve.CreatePoint(new Org.BouncyCastle.Math.BigInteger(1, x.ToArray()), new Org.BouncyCastle.Math.BigInteger(1, y.ToArray()));
            return point.IsValid() && !point.IsInfinity;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Normalises <paramref name="rs"/> (r || s, 32 bytes each) to low-s and finds the recovery id whose recovered
    /// key is <paramref name="publicKey"/> (x || y). Null when the signature is malformed or made by another key.
    /// </summary>
    public static ChainSignature? ToRecoverable(ReadOnlySpan<byte> rs, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> publicKey)
    {
        if (rs.Length != 64 || digest.Length != 32 || publicKey.Length != 64)
        {
            return null;
        }

        var r = new BigInteger(rs[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(rs[32..], isUnsigned: true, isBigEndian: true);
        if (r.IsZero || r >= Order || s.IsZero || s >= Order)
        {
            return null;
        }

        // (r, s) and (r, n - s) are both valid; Ethereum accepts only the lower. Negating s mirrors the
        // recovered point, so the recovery id flips with it: it is found below by trying both.
        if (s > HalfOrder)
        {
            s = Order - s;
        }

        var rBytes = To32Bytes(r);
        var sBytes = To32Bytes(s);
        var signature = new EthECDSASignature(new Org.BouncyCastle.Math.BigInteger(1, rBytes), new Org.BouncyCastle.Math.BigInteger(1, sBytes), []);
        var hash = digest.ToArray();
        for (byte recoveryId = 0; recoveryId <= 1; recoveryId++)
        {
            byte[] recovered;
            try
            {
                recovered = EthECKey.RecoverFromSignature(signature, recoveryId, hash).GetPubKeyNoPrefix();
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (publicKey.SequenceEqual(recovered))
            {
                return new ChainSignature(rBytes, sBytes, recoveryId);
            }
        }

        return null;
    }

    private static byte[] To32Bytes(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
