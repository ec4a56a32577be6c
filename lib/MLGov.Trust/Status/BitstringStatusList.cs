using System.IO.Compression;
using MLGov.Core.Encoding;

namespace MLGov.Trust.Status;

/// <summary>
/// A Bitstring Status List (W3C Bitstring Status List v1.0, status size 1): one bit per credential, index 0 the most
/// significant bit of the first byte. <see cref="Encode"/> gives the <c>encodedList</c> value: multibase base64url
/// (prefix <c>u</c>, no padding) of the GZIP-compressed bitstring.
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The spec's minimum: 131,072 entries (16 KiB), so one list hides each holder among many.</summary>
    public const int MinimumLength = 131_072;

    /// <summary>The largest list decoded by default: 16 MiB of bits (134 million entries); a bound against compression bombs.</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private readonly byte[] _bits;

    private BitstringStatusList(byte[] bits) => _bits = bits;

    public int Length => _bits.Length * 8;

    /// <summary>A list of <paramref name="length"/> entries, all unset; the length is at least the minimum and a multiple of 8.</summary>
    public static BitstringStatusList Create(int length = MinimumLength)
    {
        if (length < MinimumLength || length % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list has at least {MinimumLength} entries, a multiple of 8.");
        }

        return new BitstringStatusList(new byte[length / 8]);
    }

    /// <summary>A list over a copy of <paramref name="bits"/> (index 0 the most significant bit of the first byte).</summary>
    public static BitstringStatusList FromBytes(ReadOnlySpan<byte> bits)
    {
        if (bits.Length * 8L < MinimumLength)
        {
            throw new ArgumentException($"A status list has at least {MinimumLength} entries.", nameof(bits));
        }

        return new BitstringStatusList(bits.ToArray());
    }

    /// <summary>A copy of the bitstring.</summary>
    public byte[] ToBytes() => _bits.ToArray();

    public bool Get(int index)
    {
        CheckIndex(index);
        return (_bits[index >> 3] & (0x80 >> (index & 7))) != 0;
    }

    public void Set(int index, bool value)
    {
        CheckIndex(index);
        if (value)
        {
            _bits[index >> 3] |= (byte)(0x80 >> (index & 7));
        }
        else
        {
            _bits[index >> 3] &= (byte)~(0x80 >> (index & 7));
        }
    }

    /// <summary>The <c>encodedList</c>: <c>u</c> + base64url (no padding) of the GZIP-compressed bitstring.</summary>
    public string Encode()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(_bits);
        }

        return "u" + Base64Url.Encode(compressed.ToArray());
    }

    /// <summary>
    /// Reads an <c>encodedList</c>. Null, with the reason, for: a prefix other than <c>u</c>, text that is not base64url,
    /// data that is not GZIP, a bitstring larger than <paramref name="maxBytes"/> (read no further than that, so a small
    /// hostile list cannot expand to gigabytes), or one shorter than the spec's minimum.
    /// </summary>
    public static BitstringStatusList? TryDecode(string? encodedList, out string? problem, int maxBytes = DefaultMaxBytes)
    {
        if (encodedList is not { Length: > 1 } || encodedList[0] != 'u')
        {
            problem = "encodedList must be multibase base64url: 'u' followed by the data.";
            return null;
        }

        byte[] compressed;
        try
        {
            compressed = Base64Url.Decode(encodedList[1..]);
        }
        catch (FormatException)
        {
            problem = "encodedList is not base64url.";
            return null;
        }

        byte[] bits;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    problem = $"The status list expands beyond {maxBytes} bytes.";
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            bits = output.ToArray();
        }
        catch (InvalidDataException)
        {
            problem = "encodedList is not GZIP data.";
            return null;
        }

        if (bits.Length * 8L < MinimumLength)
        {
            problem = $"The status list has {bits.Length * 8} entries, fewer than the {MinimumLength} the spec requires.";
            return null;
        }

        problem = null;
        return new BitstringStatusList(bits);
    }

    private void CheckIndex(int index) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
}
