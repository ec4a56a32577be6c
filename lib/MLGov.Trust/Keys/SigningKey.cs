using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace MLGov.Trust.Keys;

/// <summary>
/// A private key for tests and development (issue 19's generated dev key): Ed25519 as its 32-byte seed,
/// secp256k1 and P-256 as their 32-byte big-endian scalar. Production issuer keys live in Key Vault.
/// </summary>
public sealed class SigningKey
{
    public const int Length = 32;

    private readonly byte[] _privateKey;

    private SigningKey(KeyType type, byte[] privateKey, PublicKey publicKey)
    {
        Type = type;
        _privateKey = privateKey;
        PublicKey = publicKey;
    }

    public KeyType Type { get; }

    public PublicKey PublicKey { get; }

    /// <summary>The private key bytes, for writing a private JWK; keep them out of logs.</summary>
    public ReadOnlySpan<byte> PrivateKeyBytes => _privateKey;

    public static SigningKey Generate(KeyType type)
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetBytes(Length);
            if (FromBytes(type, candidate) is { } key)
            {
                return key;
            }
        }
    }

    /// <summary>Null when the bytes are not a private key of the type (wrong length, or an EC scalar outside [1, n − 1]).</summary>
    public static SigningKey? FromBytes(KeyType type, ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Length)
        {
            return null;
        }

        var bytes = privateKey.ToArray();
        if (type == KeyType.Ed25519)
        {
            var publicBytes = new byte[PublicKey.Ed25519Length];
            Rfc8032.Ed25519.GeneratePublicKey(bytes, 0, publicBytes, 0);
            return new SigningKey(type, bytes, PublicKey.TryCreate(type, publicBytes)!);
        }

        var domain = Curves.For(type);
        var d = new BigInteger(1, bytes);
        if (d.SignValue <= 0 || d.CompareTo(domain.N) >= 0)
        {
            return null;
        }

        var q = domain.G.Multiply(d).Normalize();
        return new SigningKey(type, bytes, PublicKey.TryCreate(type, q.GetEncoded(compressed: true))!);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => Signatures.Sign(Type, _privateKey, data);
}
