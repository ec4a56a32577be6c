using MLGov.Core.Encoding;

namespace MLGov.Core.Tests.Encoding;

/// <summary>The multibase draft (draft-multiformats-multibase) and its test vectors for "yes mani !".</summary>
public sealed class MultibaseTests
{
    private static readonly byte[] YesMani = System.Text.Encoding.ASCII.GetBytes("yes mani !");

    [Theory]
    [InlineData(Multibase.Base58Btc, "z7paNL19xttacUY")]
    [InlineData(Multibase.Base64Url, "ueWVzIG1hbmkgIQ")]
    [InlineData(Multibase.Base16, "f796573206d616e692021")]
    public void The_spec_vectors_encode_and_decode(char prefix, string expected)
    {
        Assert.Equal(expected, Multibase.Encode(YesMani, prefix));
        Assert.Equal(YesMani, Multibase.Decode(expected));
    }

    [Fact]
    public void Base58btc_is_the_default()
    {
        Assert.Equal("z7paNL19xttacUY", Multibase.Encode(YesMani));
    }

    [Fact]
    public void Base16_takes_every_lower_case_digit()
    {
        Assert.Equal(Convert.FromHexString("0123456789abcdef"), Multibase.Decode("f0123456789abcdef"));
    }

    [Theory]
    [InlineData("F796573206D616E692021")]
    [InlineData("f796573206D616E692021")]
    [InlineData("f79657320 6d616e692021")]
    [InlineData("f0x796573206d616e692021")]
    [InlineData("f7g")]
    [InlineData("x796573206d616e692021")]
    [InlineData("Z7paNL19xttacUY")]
    public void Unsupported_prefixes_and_upper_case_base16_are_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => Multibase.Decode(text));
        Assert.Contains($"'{text[0]}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("z0OIl")]
    [InlineData("uZg==")]
    public void Bad_digits_after_a_known_prefix_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => Multibase.Decode(text));
    }

    [Fact]
    public void Empty_or_null_text_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => Multibase.Decode(""));
        Assert.Throws<ArgumentNullException>(() => Multibase.Decode(null!));
    }

    [Fact]
    public void Encoding_with_an_unsupported_prefix_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Multibase.Encode(YesMani, 'm'));
        Assert.Equal("prefix", error.ParamName);
        Assert.Contains("Unsupported multibase prefix", error.Message, StringComparison.Ordinal);
    }
}
