using MLGov.Core.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Keys;

public sealed class PublicKeyTests
{
    [Fact]
    public void The_Ed25519_key_of_the_RFC_8037_private_key_is_RFC_8032_TEST_1s_public_key()
    {
        Assert.Equal(Vectors.Rfc8032Test1PublicHex, Hex.Encode(TestKeys.Rfc8037Ed25519().PublicKey.Bytes, prefix: false));
    }

    [Fact]
    public void An_Ed25519_small_order_point_is_refused()
    {
        // The identity point (y = 1): every signature with S = 0 and R = identity would verify against it.
        var identity = new byte[32];
        identity[0] = 1;

        Assert.Null(PublicKey.TryCreate(KeyType.Ed25519, identity));
    }

    [Theory]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public void A_compressed_point_whose_x_is_not_a_field_element_is_refused(KeyType type)
    {
        byte[] bytes = [0x02, .. Enumerable.Repeat((byte)0xff, 32)];

        Assert.Null(PublicKey.TryCreate(type, bytes));
    }

    [Theory]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public void An_uncompressed_point_off_the_curve_is_refused(KeyType type)
    {
        var valid = SigningKey.Generate(type).PublicKey;
        var point = MLGov.Trust.Jose.Jwk.From(valid);
        var y = Base64Url.Decode(point.Y!);
        y[31] ^= 1;
        byte[] bytes = [0x04, .. Base64Url.Decode(point.X), .. y];

        Assert.Null(PublicKey.TryCreate(type, bytes));
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_refused()
    {
        Assert.Null(PublicKey.TryCreate(KeyType.Ed25519, new byte[31]));
        Assert.Null(PublicKey.TryCreate(KeyType.Secp256k1, new byte[32]));
    }

    [Theory]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public void An_EC_private_key_outside_the_group_order_is_refused(KeyType type)
    {
        Assert.Null(SigningKey.FromBytes(type, new byte[32]));
        Assert.Null(SigningKey.FromBytes(type, Enumerable.Repeat((byte)0xff, 32).ToArray()));
    }
}
