using MLGov.Trust.Encoding;

namespace MLGov.Trust.Tests.Encoding;

public sealed class MulticodecTests
{
    // The varint bytes the did:key spec and the multicodec table give: ed25519-pub 0xed01, secp256k1-pub 0xe701,
    // p256-pub 0x8024, x25519-pub 0xec01.
    [Theory]
    [InlineData(0xedUL, new byte[] { 0xed, 0x01 })]
    [InlineData(0xe7UL, new byte[] { 0xe7, 0x01 })]
    [InlineData(0x1200UL, new byte[] { 0x80, 0x24 })]
    [InlineData(0xecUL, new byte[] { 0xec, 0x01 })]
    public void Writes_and_reads_the_unsigned_varint_prefixes(ulong code, byte[] expected)
    {
        var prefixed = Multicodec.Prefix(code, [0xaa]);

        Assert.Equal([.. expected, 0xaa], prefixed);
        Assert.True(Multicodec.TryRead(prefixed, out var read, out var length));
        Assert.Equal(code, read);
        Assert.Equal(expected.Length, length);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80 })] // truncated: the continuation bit promises another byte
    [InlineData(new byte[] { 0xed, 0x81, 0x00 })] // 0xed spelled in three bytes: not minimal
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })] // longer than the 9-byte cap
    public void Refuses_truncated_non_minimal_and_overlong_varints(byte[] bytes)
    {
        Assert.False(Multicodec.TryRead(bytes, out _, out _));
    }
}
