using System.Numerics;
using MLGov.Core.Encoding;

namespace MLGov.Core.Tests.Encoding;

/// <summary>The 32-byte words of the Solidity ABI specification ("Formal Specification of the Encoding").</summary>
public sealed class AbiWordsTests
{
    private const string Address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    [Fact]
    public void An_address_is_twelve_zero_bytes_then_its_twenty_bytes()
    {
        var word = Dirty();

        AbiWords.WriteAddress(Address, word);

        Assert.Equal("0x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed", Hex.Encode(word));
    }

    [Theory]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void Address_digits_and_prefix_may_be_in_either_case(string address)
    {
        Assert.Equal(Convert.FromHexString("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), AbiWords.ParseAddress(address));
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0")]
    [InlineData("005aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("1x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData("0xg5aeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("")]
    public void Anything_but_0x_and_40_hex_digits_is_not_an_address(string address)
    {
        var error = Assert.Throws<FormatException>(() => AbiWords.ParseAddress(address));
        Assert.Contains($"'{address}'", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AbiWords.WriteAddress(address, new byte[32]));
    }

    [Fact]
    public void A_null_address_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => AbiWords.ParseAddress(null!));
    }

    [Theory]
    [InlineData("0", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("1", "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("258", "0000000000000000000000000000000000000000000000000000000000000102")]
    [InlineData("255", "00000000000000000000000000000000000000000000000000000000000000ff")]
    [InlineData("57896044618658097711785492504343953926634992332820282019728792003956564819968", "8000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void A_uint256_is_big_endian_and_left_padded(string value, string expected)
    {
        var word = Dirty();

        AbiWords.WriteUInt256(BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture), word);

        Assert.Equal(expected, Hex.Encode(word, prefix: false));
    }

    [Fact]
    public void A_uint256_is_between_zero_and_two_to_the_256_minus_one()
    {
        foreach (var value in new[] { BigInteger.MinusOne, BigInteger.One << 256, (BigInteger.One << 256) + 1 })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => AbiWords.WriteUInt256(value, new byte[32]));
            Assert.Equal("value", error.ParamName);
            Assert.Contains("2^256 - 1", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bytes32_is_copied_as_is()
    {
        var value = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var word = Dirty();

        AbiWords.WriteBytes32(value, word);

        Assert.Equal(value, word);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_bytes32_has_exactly_32_bytes(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => AbiWords.WriteBytes32(new byte[length], new byte[32]));
        Assert.Equal("value", error.ParamName);
        Assert.Contains($"not {length}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void Every_writer_needs_a_word_of_exactly_32_bytes(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => AbiWords.WriteAddress(Address, new byte[length]));
        Assert.Equal("word", error.ParamName);
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("word", Assert.Throws<ArgumentException>(() => AbiWords.WriteUInt256(BigInteger.One, new byte[length])).ParamName);
        Assert.Equal("word", Assert.Throws<ArgumentException>(() => AbiWords.WriteBytes32(new byte[32], new byte[length])).ParamName);
    }

    // A word full of ones, so a writer that forgets to clear the padding is caught.
    private static byte[] Dirty() => Enumerable.Repeat((byte)0xff, AbiWords.WordLength).ToArray();
}
