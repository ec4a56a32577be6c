using System.IO.Compression;
using MLGov.Core.Encoding;
using MLGov.Trust.Status;

namespace MLGov.Trust.Tests.Status;

public sealed class BitstringStatusListTests
{
    // Bitstring Status List v1.0, Example "BitstringStatusListCredential": the encodedList of an empty 131,072-entry list.
    private const string SpecExampleEncodedList = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

    [Fact]
    public void Decodes_the_specs_example_to_131072_unset_entries()
    {
        var list = BitstringStatusList.TryDecode(SpecExampleEncodedList, out var problem);

        Assert.True(list is not null, problem);
        Assert.Equal(131_072, list!.Length);
        Assert.All(Enumerable.Range(0, list.Length).Where(i => i % 997 == 0 || i == list.Length - 1), i => Assert.False(list.Get(i)));
    }

    [Fact]
    public void An_empty_list_encodes_to_the_specs_bitstring()
    {
        var encoded = BitstringStatusList.Create().Encode();

        Assert.StartsWith("uH4sI", encoded, StringComparison.Ordinal); // multibase u + the GZIP magic bytes 1f 8b 08
        Assert.Equal(Gunzip(SpecExampleEncodedList), Gunzip(encoded));
    }

    [Fact]
    public void Index_zero_is_the_leftmost_bit_of_the_first_byte()
    {
        var list = BitstringStatusList.Create();
        list.Set(0, true);
        list.Set(9, true);
        list.Set(131_071, true);

        var bits = Gunzip(list.Encode());

        Assert.Equal(16_384, bits.Length);
        Assert.Equal(0x80, bits[0]);
        Assert.Equal(0x40, bits[1]);
        Assert.Equal(0x01, bits[^1]);
        Assert.Equal(3, bits.Sum(b => System.Numerics.BitOperations.PopCount(b)));
    }

    [Fact]
    public void Set_entries_survive_encoding_and_can_be_cleared()
    {
        var list = BitstringStatusList.Create(262_144);
        int[] set = [1, 77, 131_072, 262_143];
        foreach (var i in set)
        {
            list.Set(i, true);
        }

        list.Set(77, false);
        var decoded = BitstringStatusList.TryDecode(list.Encode(), out _)!;

        Assert.Equal(262_144, decoded.Length);
        Assert.True(decoded.Get(1));
        Assert.False(decoded.Get(77));
        Assert.True(decoded.Get(131_072));
        Assert.True(decoded.Get(262_143));
        Assert.False(decoded.Get(2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(131_064)]
    [InlineData(131_073)]
    public void Refuses_lists_shorter_than_the_minimum_or_not_whole_bytes(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BitstringStatusList.Create(length));
    }

    [Fact]
    public void Refuses_indexes_outside_the_list()
    {
        var list = BitstringStatusList.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => list.Get(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Set(131_072, true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("u")]
    [InlineData("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")]
    [InlineData("zH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")]
    [InlineData("uH4sIAAAAAAAAA+3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")]
    [InlineData("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA=")]
    [InlineData("uaGVsbG8gd29ybGQ")]
    public void Refuses_encodings_that_are_not_multibase_base64url_gzip(string? encoded)
    {
        Assert.Null(BitstringStatusList.TryDecode(encoded, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Refuses_a_list_shorter_than_the_minimum()
    {
        Assert.Null(BitstringStatusList.TryDecode("u" + Base64Url.Encode(Gzip(new byte[1024])), out var problem));
        Assert.Contains("fewer than", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_compression_bomb_without_expanding_it()
    {
        // 64 MiB of zeros compress to about 64 KiB; decoding stops at the limit instead of allocating it all.
        var bomb = "u" + Base64Url.Encode(Gzip(new byte[64 * 1024 * 1024]));

        Assert.True(bomb.Length < 200_000);
        Assert.Null(BitstringStatusList.TryDecode(bomb, out var problem, maxBytes: 1024 * 1024));
        Assert.Contains("beyond", problem, StringComparison.Ordinal);
    }

    private static byte[] Gunzip(string encoded)
    {
        using var gzip = new GZipStream(new MemoryStream(Base64Url.Decode(encoded[1..])), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
