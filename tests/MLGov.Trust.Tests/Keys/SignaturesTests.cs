using System.Runtime.InteropServices;
using MLGov.Core.Encoding;
using MLGov.Trust.Keys;
using Org.BouncyCastle.Math;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace MLGov.Trust.Tests.Keys;

/// <summary>The native primitives behind <see cref="Signatures"/>, held to the properties the verifiers rely on.</summary>
public sealed partial class SignaturesTests
{
    // A point of order 8 on Edwards25519 (one of the small-order encodings libsodium's blocklist names).
    private const string Order8PointHex = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a";

    [Fact]
    public void An_Ed25519_key_with_a_small_order_component_is_refused()
    {
        var valid = SigningKey.Generate(KeyType.Ed25519).PublicKey.Bytes.ToArray();
        var mixed = new byte[32];
        Assert.Equal(0, crypto_core_ed25519_add(mixed, valid, Hex.Decode(Order8PointHex)));

        // BouncyCastle, an independent implementation, agrees the sum is on the curve and outside the prime-order subgroup.
        Assert.NotNull(BcEd25519.ValidatePublicKeyPartialExport(mixed, 0));
        Assert.Null(BcEd25519.ValidatePublicKeyFullExport(mixed, 0));
        Assert.Null(PublicKey.TryCreate(KeyType.Ed25519, mixed));
        Assert.Null(PublicKey.TryCreate(KeyType.Ed25519, Hex.Decode(Order8PointHex)));
        Assert.NotNull(PublicKey.TryCreate(KeyType.Ed25519, valid));
    }

    [Fact]
    public void A_non_canonical_Ed25519_encoding_is_refused()
    {
        // y = p = 2^255 − 19, which reduces to 0: the encoding of a field element that is not below p.
        var encoding = Hex.Decode("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

        Assert.Null(PublicKey.TryCreate(KeyType.Ed25519, encoding));
    }

    [Fact]
    public void Libsecp256k1_refuses_a_high_s_signature_even_without_the_explicit_check()
    {
        var key = SigningKey.Generate(KeyType.Secp256k1);
        var data = "payload"u8.ToArray();
        var signature = key.Sign(data);
        var n = Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("secp256k1").N;
        var highS = n.Subtract(new BigInteger(1, signature[32..])).ToByteArrayUnsigned();
        var malleated = signature[..32].Concat(new byte[32 - highS.Length]).Concat(highS).ToArray();

        Assert.True(Signatures.Verify(key.PublicKey, data, signature, requireLowS: false));
        Assert.False(Signatures.Verify(key.PublicKey, data, malleated, requireLowS: false));
        Assert.False(Signatures.Verify(key.PublicKey, data, malleated, requireLowS: true));
        // The same signature in low-s form is the one that verifies.
        Assert.Equal(signature, Signatures.ToLowS(KeyType.Secp256k1, malleated));
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public void One_key_verifies_from_many_threads_at_once(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var data = "payload"u8.ToArray();
        var signature = key.Sign(data);
        var tampered = signature.ToArray();
        tampered[10] ^= 1;
        var results = new bool[400];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = i % 2 == 0
                ? Signatures.Verify(key.PublicKey, data, signature, requireLowS: type == KeyType.Secp256k1)
                : !Signatures.Verify(key.PublicKey, data, tampered, requireLowS: type == KeyType.Secp256k1));

        Assert.All(results, Assert.True);
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public void A_signature_over_other_data_or_of_another_length_does_not_verify(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var signature = key.Sign("payload"u8);

        Assert.True(Signatures.Verify(key.PublicKey, "payload"u8, signature, requireLowS: type == KeyType.Secp256k1));
        Assert.False(Signatures.Verify(key.PublicKey, "payloae"u8, signature, requireLowS: type == KeyType.Secp256k1));
        Assert.False(Signatures.Verify(key.PublicKey, "payload"u8, signature.AsSpan(0, 63), requireLowS: false));
        Assert.False(Signatures.Verify(key.PublicKey, "payload"u8, new byte[64], requireLowS: false));
    }

    [LibraryImport("libsodium")]
    private static partial int crypto_core_ed25519_add(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);
}
