using MLGov.Core.Encoding;
using MLGov.Trust.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Keys;

/// <summary>Signing keys made from the published vectors.</summary>
internal static class TestKeys
{
    public static SigningKey Rfc8037Ed25519() => SigningKey.FromBytes(KeyType.Ed25519, Base64Url.Decode(Vectors.Rfc8037PrivateD))!;

    public static SigningKey FromSecretMultibase(KeyType type, string secret, ulong expectedCodec)
    {
        Assert.True(MultibaseBase58Btc.TryDecode(secret, out var bytes));
        Assert.True(Multicodec.TryRead(bytes, out var codec, out var length));
        Assert.Equal(expectedCodec, codec);
        return SigningKey.FromBytes(type, bytes.AsSpan(length))!;
    }
}
