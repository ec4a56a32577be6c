using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC;

namespace MLGov.Trust.Keys;

/// <summary>The two short-Weierstrass curves, from BouncyCastle's constant-time custom implementations.</summary>
internal static class Curves
{
    private static readonly ECDomainParameters Secp256k1 = Domain("secp256k1");
    private static readonly ECDomainParameters P256 = Domain("secp256r1");

    public static ECDomainParameters For(KeyType type) => type switch
    {
        KeyType.Secp256k1 => Secp256k1,
        KeyType.P256 => P256,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an elliptic-curve ECDSA key type."),
    };

    /// <summary>
    /// Decodes a SEC 1 point (compressed or uncompressed) and checks that it lies on the curve and is not
    /// infinity; null otherwise. BouncyCastle's decoder does the on-curve check, which is what stops
    /// invalid-curve points from reaching verification.
    /// </summary>
    public static ECPoint? TryDecodePoint(KeyType type, ReadOnlySpan<byte> encoded)
    {
        try
        {
            var point = For(type).Curve.DecodePoint(encoded.ToArray());
            return point.IsInfinity || !point.IsValid() ? null : point.Normalize();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ECDomainParameters Domain(string name)
    {
        X9ECParameters curve = CustomNamedCurves.GetByName(name);
        return new ECDomainParameters(curve);
    }
}
