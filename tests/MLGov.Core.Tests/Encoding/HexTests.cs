using MLGov.Core.Encoding;

namespace MLGov.Core.Tests.Encoding;

public sealed class HexTests
{
    [Fact]
    public void Encoding_is_lower_case_with_an_optional_prefix()
    {
        byte[] bytes = [0x00, 0x9a, 0xbc, 0xde, 0xff];

        Assert.Equal("0x009abcdeff", Hex.Encode(bytes));
        Assert.Equal("009abcdeff", Hex.Encode(bytes, prefix: false));
        Assert.Equal("0x", Hex.Encode([]));
    }

    [Theory]
    [InlineData("0x009abcdeff")]
    [InlineData("0X009ABCDEFF")]
    [InlineData("009AbCdEfF")]
    public void Decoding_takes_either_case_with_or_without_the_prefix(string text)
    {
        Assert.Equal(new byte[] { 0x00, 0x9a, 0xbc, 0xde, 0xff }, Hex.Decode(text));
    }

    [Fact]
    public void Empty_text_and_a_bare_prefix_are_no_bytes()
    {
        Assert.Empty(Hex.Decode(""));
        Assert.Empty(Hex.Decode("0x"));
    }

    [Theory]
    [InlineData("0xabc")]
    [InlineData("a")]
    public void An_odd_number_of_digits_is_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => Hex.Decode(text));
        Assert.Contains("even number of digits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("0x0g")]
    [InlineData("x0ab")]
    [InlineData("0xx0ab")]
    public void A_non_hex_digit_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => Hex.Decode(text));
    }

    [Fact]
    public void Null_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => Hex.Decode(null!));
    }

    [Fact]
    public void TryDecode_returns_the_bytes_or_false_with_none()
    {
        Assert.True(Hex.TryDecode("0x0aff", out var bytes));
        Assert.Equal(new byte[] { 0x0a, 0xff }, bytes);

        Assert.False(Hex.TryDecode("0xabc", out bytes));
        Assert.Empty(bytes);
        Assert.False(Hex.TryDecode("0xg0", out bytes));
        Assert.Empty(bytes);
        Assert.False(Hex.TryDecode(null, out bytes));
        Assert.Empty(bytes);
    }
}
