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

    private PublicKey(KeyType type, byte[] bytes)
    {
        Type = type;
        _bytes = bytes;
    }

    public KeyType Type { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

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
                return bytes.Length == Ed25519Length && Ed25519.ValidatePublicKeyFull(bytes)
                    ? new PublicKey(type, bytes.ToArray())
                    : null;
            case KeyType.Secp256k1:
            case KeyType.P256:
                if (bytes.Length is not (CompressedPointLength or 65))
                {
                    return null;
                }

                var point = Curves.TryDecodePoint(type, bytes);
                return point is null ? null : new PublicKey(type, point.GetEncoded(compressed: true));
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
