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

    private PublicKey(KeyType type, byte[] bytes, object verifier)
    {
        Type = type;
        _bytes = bytes;
        Verifier = verifier;
    }

    public KeyType Type { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// The key in the form its signature primitive verifies with, made once when the key was validated (see
    /// <see cref="Signatures"/>): an NSec key, libsecp256k1's parsed key, or a <see cref="P256Verifier"/>.
    /// </summary>
    internal object Verifier { get; }

    /// <summary>
    /// Accepts an Ed25519 key of 32 bytes that decodes to a point, or an EC key as a compressed (33 bytes) or
    /// uncompressed (65 bytes) point on its curve, stored compressed. Returns null for anything else.
    /// </summary>
    public static PublicKey? TryCreate(KeyType type, ReadOnlySpan<byte> bytes)
    {
        switch (type)
        {
            case KeyType.Ed25519:
                // Full validation: canonical, on the curve, not of small order (which would let one signature verify for
                // many messages) and in the prime-order subgroup (so mixed-order keys, one secret behind several
                // encodings, are refused too).
                if (bytes.Length != Ed25519Length || !Sodium.IsValidEd25519Point(bytes))
                {
                    return null;
                }

                return Signatures.PrepareEd25519(bytes) is { } nsecKey ? new PublicKey(type, bytes.ToArray(), nsecKey) : null;
            case KeyType.Secp256k1:
                if (bytes.Length is not (CompressedPointLength or 65) || Signatures.PrepareSecp256k1(bytes, out var compressed) is not { } parsed)
                {
                    return null;
                }

                return new PublicKey(type, compressed!, parsed);
            case KeyType.P256:
                if (bytes.Length is not (CompressedPointLength or 65))
                {
                    return null;
                }

                // BouncyCastle's decoder checks that the point is on the curve and not infinity, which is what stops
                // invalid-curve points from reaching verification; .NET's ECDsa import wants the affine coordinates.
                var point = Curves.TryDecodePoint(type, bytes);
                return point is null
                    ? null
                    : new PublicKey(type, point.GetEncoded(compressed: true), new P256Verifier(point.AffineXCoord.GetEncoded(), point.AffineYCoord.GetEncoded()));
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
