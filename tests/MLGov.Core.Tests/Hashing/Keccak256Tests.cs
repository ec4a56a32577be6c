using MLGov.Core.Encoding;
using MLGov.Core.Hashing;

namespace MLGov.Core.Tests.Hashing;

/// <summary>keccak256 known answers (Ethereum's hash: the original Keccak padding, not NIST SHA3-256).</summary>
public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("transfer(address,uint256)", "a9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    public void Known_digests(string text, string expected)
    {
        Assert.Equal(expected, Hex.Encode(Keccak256.Compute(System.Text.Encoding.ASCII.GetBytes(text)), prefix: false));
    }

    [Fact]
    public void Consecutive_hashes_do_not_leak_into_each_other()
    {
        var first = Keccak256.Compute("abc"u8);
        var second = Keccak256.Compute(""u8);

        Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Hex.Encode(first, prefix: false));
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.Encode(second, prefix: false));
    }

    [Fact]
    public void Hash_fills_the_first_32_bytes_of_a_larger_destination()
    {
        var destination = new byte[40];
        Array.Fill(destination, (byte)0xee);

        Keccak256.Instance.Hash("abc"u8, destination);

        Assert.Equal(Keccak256.Compute("abc"u8), destination[..32]);
        Assert.All(destination[32..], b => Assert.Equal(0xee, b));
    }

    [Fact]
    public void A_destination_shorter_than_32_bytes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Keccak256.Instance.Hash("abc"u8, new byte[31]));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_hashing_at_once_get_the_right_digests()
    {
        const string expected = "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45";
        var results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = Hex.Encode(Keccak256.Compute("abc"u8)));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
