using MLGov.Core.Encoding;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Jose;

public sealed class JwkTests
{
    [Fact]
    public void The_RFC_8037_public_JWK_is_the_RFC_8032_TEST_1_key()
    {
        var key = new Jwk("OKP", "Ed25519", Vectors.Rfc8037PublicX).ToPublicKey(out var problem);

        Assert.Null(problem);
        Assert.Equal(Vectors.Rfc8032Test1PublicHex, Hex.Encode(key!.Bytes, prefix: false));
        Assert.Equal(new Jwk("OKP", "Ed25519", Vectors.Rfc8037PublicX), Jwk.From(key));
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "OKP", "Ed25519")]
    [InlineData(KeyType.Secp256k1, "EC", "secp256k1")]
    [InlineData(KeyType.P256, "EC", "P-256")]
    public void Round_trips_each_key_type(KeyType type, string kty, string crv)
    {
        var key = SigningKey.Generate(type).PublicKey;

        var jwk = Jwk.From(key);

        Assert.Equal(kty, jwk.Kty);
        Assert.Equal(crv, jwk.Crv);
        Assert.Equal(key, jwk.ToPublicKey(out _));
    }

    [Fact]
    public void Parses_JSON_and_refuses_what_is_not_a_JWK_object()
    {
        Assert.True(Jwk.TryParse($$"""{"kty":"OKP","crv":"Ed25519","x":"{{Vectors.Rfc8037PublicX}}"}""", out var jwk));
        Assert.Equal("Ed25519", jwk!.Crv);
        Assert.False(Jwk.TryParse("[]", out _));
        Assert.False(Jwk.TryParse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}", out _));
        Assert.False(Jwk.TryParse("{\"kty\":1,\"crv\":\"Ed25519\",\"x\":\"AA\"}", out _));
        Assert.False(Jwk.TryParse("{not json", out _));
    }

    [Fact]
    public void Refuses_mismatched_kty_crv_and_lengths()
    {
        var ec = Jwk.From(SigningKey.Generate(KeyType.Secp256k1).PublicKey);
        var p256 = Jwk.From(SigningKey.Generate(KeyType.P256).PublicKey);
        var shortX = Base64Url.Encode(new byte[31]);

        Assert.Null(new Jwk("EC", "Ed25519", Vectors.Rfc8037PublicX).ToPublicKey(out _));
        Assert.Null(new Jwk("OKP", "secp256k1", ec.X, ec.Y).ToPublicKey(out _));
        Assert.Null(new Jwk("OKP", "Ed25519", Vectors.Rfc8037PublicX, ec.Y).ToPublicKey(out _));
        Assert.Null(new Jwk("EC", "secp256k1", ec.X).ToPublicKey(out _));
        Assert.Null(new Jwk("EC", "P-384", p256.X, p256.Y).ToPublicKey(out _));
        Assert.Null(new Jwk("OKP", "X25519", Vectors.Rfc8037PublicX).ToPublicKey(out _));
        Assert.Null(new Jwk("OKP", "Ed25519", shortX).ToPublicKey(out _));
        Assert.Null(new Jwk("EC", "P-256", shortX, p256.Y).ToPublicKey(out _));
        Assert.Null(new Jwk("OKP", "Ed25519", Vectors.Rfc8037PublicX + "=").ToPublicKey(out _));
    }

    [Fact]
    public void Refuses_coordinates_of_another_curve()
    {
        // A secp256k1 point is (with overwhelming probability) not on P-256: the curve check, not the length, refuses it.
        var secp256k1 = Jwk.From(SigningKey.Generate(KeyType.Secp256k1).PublicKey);

        Assert.Null(new Jwk("EC", "P-256", secp256k1.X, secp256k1.Y).ToPublicKey(out var problem));
        Assert.Contains("not a valid", problem, StringComparison.Ordinal);
    }
}
