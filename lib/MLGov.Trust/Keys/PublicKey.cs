using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MLGov.Trust.Keys;

/// <summary>
/// A validated public key: Ed25519 as its 32-byte encoding, secp256k1 and P-256 as 33-byte SEC 1 compressed points
/// (the forms did:key carries). Only <see cref="TryCreate"/> makes one, so holding one means the bytes are a point.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    public const int Ed25519Length = 32;
    public const int CompressedPointLength = 33;

    private readonly byte[] _bytes;

    private PublicKey(KeyType type, byte[] bytes, Ed25519.PublicPoint? ed25519Point, ECPublicKeyParameters? ecParameters)
    {
        Type = type;
        _bytes = bytes;
        Ed25519Point = ed25519Point;
        EcParameters = ecParameters;
    }

    public KeyType Type { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    // The decoded forms, kept from validation so that verifying does not decode (decompress, check) the point again.
    internal Ed25519.PublicPoint? Ed25519Point { get; }

    internal ECPublicKeyParameters? EcParameters { get; }

    /// <summary>
    /// Accepts an Ed25519 key of 32 bytes that decodes to a point, or an EC key as a compressed (33 bytes) or
    /// uncompressed (65 bytes) point on its curve, stored compressed. Returns null for anything else.
    /// </summary>
    public static PublicKey? TryCreate(KeyType type, ReadOnlySpan<byte> bytes)
    {
        switch (type)
        {
            case KeyType.Ed25519:
                // Full validation also refuses small-order points, which would let one signature verify for many messages.
                if (bytes.Length != Ed25519Length)
                {
                    return null;
                }

                var copy = bytes.ToArray();
                var edPoint = Ed25519.ValidatePublicKeyFullExport(copy, 0);
                return edPoint is null ? null : new PublicKey(type, copy, edPoint, null);
            case KeyType.Secp256k1:
            case KeyType.P256:
                if (bytes.Length is not (CompressedPointLength or 65))
                {
                    return null;
                }

                var point = Curves.TryDecodePoint(type, bytes);
                return point is null
                    ? null
                    : new PublicKey(type, point.GetEncoded(compressed: true), null, new ECPublicKeyParameters(point, Curves.For(type)));
            default:
                return null;
        }
    }

    public bool Equals(PublicKey? other) => other is not null && other.Type == Type && other.Bytes.SequenceEqual(Bytes);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
