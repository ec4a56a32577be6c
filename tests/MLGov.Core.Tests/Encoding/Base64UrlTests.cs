using MLGov.Core.Encoding;

namespace MLGov.Core.Tests.Encoding;

public sealed class Base64UrlTests
{
    // RFC 4648 §10 test vectors; base64url differs from base64 only in '-' and '_', and is unpadded here.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Rfc_4648_vectors_encode_and_decode_without_padding(string text, string expected)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);

        Assert.Equal(expected, Base64Url.Encode(bytes));
        Assert.Equal(bytes, Base64Url.Decode(expected));
    }

    [Fact]
    public void The_url_safe_alphabet_replaces_plus_and_slash()
    {
        // 0xfb 0xef 0xff is "++//" in standard base64 (values 62, 62, 63, 63).
        Assert.Equal("--__", Base64Url.Encode([0xfb, 0xef, 0xff]));
        Assert.Equal(new byte[] { 0xfb, 0xef, 0xff }, Base64Url.Decode("--__"));
    }

    [Theory]
    [InlineData("AAAA", "000000")]
    [InlineData("ZZZZ", "659659")]
    [InlineData("aaaa", "69a69a")]
    [InlineData("zzzz", "cf3cf3")]
    [InlineData("0000", "d34d34")]
    [InlineData("9999", "f7df7d")]
    public void Every_edge_of_the_alphabet_decodes(string text, string hex)
    {
        Assert.Equal(Convert.FromHexString(hex), Base64Url.Decode(text));
    }

    [Theory]
    [InlineData("Zm9v@")]
    [InlineData("Zm9v[")]
    [InlineData("Zm9v`")]
    [InlineData("Zm9v{")]
    [InlineData("Zm9v/")]
    [InlineData("Zm9v:")]
    [InlineData("Zm9v+")]
    [InlineData("Zg==")]
    [InlineData("Zm 9v")]
    [InlineData("Zm9v\n")]
    public void Characters_outside_the_url_safe_alphabet_are_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => Base64Url.Decode(text));
        Assert.Contains("is not a base64url character", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AAAAA")]
    public void A_length_of_one_more_than_a_multiple_of_four_is_impossible(string text)
    {
        var error = Assert.Throws<FormatException>(() => Base64Url.Decode(text));
        Assert.Contains("impossible length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => Base64Url.Decode(null!));
    }
}
