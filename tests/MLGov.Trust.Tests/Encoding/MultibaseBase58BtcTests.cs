using MLGov.Trust.Encoding;

namespace MLGov.Trust.Tests.Encoding;

public sealed class MultibaseBase58BtcTests
{
    [Fact]
    public void Encodes_with_the_z_prefix_and_keeps_leading_zero_bytes_as_ones()
    {
        // Base58 of "Hello World!" is 2NEpo7TZRRrLZSi2U (draft-msporny-base58 §5); multibase adds 'z'.
        Assert.Equal("z2NEpo7TZRRrLZSi2U", MultibaseBase58Btc.Encode("Hello World!"u8));
        Assert.Equal("z11", MultibaseBase58Btc.Encode([0, 0]));
    }

    [Fact]
    public void Decodes_what_it_encodes()
    {
        Assert.True(MultibaseBase58Btc.TryDecode("z2NEpo7TZRRrLZSi2U", out var bytes));
        Assert.Equal("Hello World!"u8.ToArray(), bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("u8J-h")] // base64url multibase: valid multibase, not the base did:key allows
    [InlineData("f00ff")] // base16 multibase
    [InlineData("Z2NEpo7TZRRrLZSi2U")] // upper-case Z is not base58btc
    [InlineData("z2NEpo7TZRRrLZSi20")] // '0' is not in the base58 alphabet
    [InlineData("z2NEpo7TZRRrLZSiOU")] // nor 'O'
    [InlineData("z2NEpo7TZRRrLZSiIU")] // nor 'I'
    [InlineData("z2NEpo7TZRRrLZSilU")] // nor 'l'
    [InlineData("z2NEpo7TZRR LZSi2U")]
    [InlineData("z2NEpo7TZRRrLZSi2é")]
    public void Refuses_other_prefixes_and_characters_outside_the_alphabet(string? text)
    {
        Assert.False(MultibaseBase58Btc.TryDecode(text, out _));
    }
}
