using System.Text;
using MLGov.Core.Encoding;

namespace MLGov.Core.Tests.Encoding;

public sealed class EncodingTests
{
    // Vectors from draft-msporny-base58.
    [Theory]
    [InlineData("Hello World!", "2NEpo7TZRRrLZSi2U")]
    [InlineData("The quick brown fox jumps over the lazy dog.", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z")]
    public void Base58_matches_the_draft_vectors(string text, string expected)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, Base58.Encode(bytes));
        Assert.Equal(bytes, Base58.Decode(expected));
    }

    [Fact]
    public void Base58_keeps_leading_zero_bytes()
    {
        var bytes = Convert.FromHexString("0000287fb4cd");
        Assert.Equal("11233QC4", Base58.Encode(bytes));
        Assert.Equal(bytes, Base58.Decode("11233QC4"));
        Assert.Equal(new byte[3], Base58.Decode("111"));
        Assert.Equal(string.Empty, Base58.Encode([]));
    }

    [Theory]
    [InlineData("0OIl", '0')]
    [InlineData("abc+", '+')]
    [InlineData("2NE\u0080", '\u0080')]
    [InlineData("2NE\u00ff", '\u00ff')]
    [InlineData("2NE\u20ac", '\u20ac')]
    public void Base58_rejects_characters_outside_the_alphabet(string text, char bad)
    {
        var error = Assert.Throws<FormatException>(() => Base58.Decode(text));
        Assert.Contains($"'{bad}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base58_decoding_null_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => Base58.Decode(null!));
    }

    [Fact]
    public void Base58_round_trips_random_bytes()
    {
        var random = new Random(8785);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 70)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(3) == 0)
            {
                bytes[0] = 0;
            }

            Assert.Equal(bytes, Base58.Decode(Base58.Encode(bytes)));
        }
    }

    [Fact]
    public void Base64url_is_unpadded_and_strict()
    {
        Assert.Equal("-_8", Base64Url.Encode([0xfb, 0xff]));
        Assert.Equal(new byte[] { 0xfb, 0xff }, Base64Url.Decode("-_8"));
        Assert.Throws<FormatException>(() => Base64Url.Decode("-_8="));
        Assert.Throws<FormatException>(() => Base64Url.Decode("+/8"));
        Assert.Throws<FormatException>(() => Base64Url.Decode("a"));
    }

    [Fact]
    public void Hex_accepts_an_optional_prefix_and_rejects_odd_lengths()
    {
        Assert.Equal("0x00ff10", Hex.Encode([0x00, 0xff, 0x10]));
        Assert.Equal(new byte[] { 0x00, 0xff, 0x10 }, Hex.Decode("0x00FF10"));
        Assert.Equal(new byte[] { 0xab }, Hex.Decode("ab"));
        Assert.Throws<FormatException>(() => Hex.Decode("0xabc"));
        Assert.Throws<FormatException>(() => Hex.Decode("zz"));
        Assert.False(Hex.TryDecode("0xg0", out _));
    }

    [Fact]
    public void Multibase_dispatches_on_its_prefix()
    {
        byte[] bytes = [0xed, 0x01, 0x02];
        Assert.Equal("z" + Base58.Encode(bytes), Multibase.Encode(bytes));
        Assert.Equal("u7QEC", Multibase.Encode(bytes, Multibase.Base64Url));
        Assert.Equal("fed0102", Multibase.Encode(bytes, Multibase.Base16));
        foreach (var text in new[] { Multibase.Encode(bytes), "u7QEC", "fed0102" })
        {
            Assert.Equal(bytes, Multibase.Decode(text));
        }

        Assert.Throws<FormatException>(() => Multibase.Decode("xabc"));
        Assert.Throws<FormatException>(() => Multibase.Decode("fED0102"));
    }
}
