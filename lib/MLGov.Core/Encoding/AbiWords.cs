using System.Globalization;
using System.Numerics;

namespace MLGov.Core.Encoding;

/// <summary>
/// The 32-byte words of Solidity's ABI encoding for static types (address, bytes32, uint256), as
/// <c>abi.encode</c> lays them out: enough for Merkle leaves and EIP-712 struct hashes without a
/// general ABI encoder.
/// </summary>
public static class AbiWords
{
    public const int WordLength = 32;

    private static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    /// <summary>An address ("0x" + 40 hex digits, any case) left-padded with zeros.</summary>
    public static void WriteAddress(string address, Span<byte> word)
    {
        var bytes = ParseAddress(address);
        RequireWord(word);
        word[..12].Clear();
        bytes.CopyTo(word[12..]);
    }

    /// <summary>A uint256 as big-endian; throws for negative values and values of 2^256 or more.</summary>
    public static void WriteUInt256(BigInteger value, Span<byte> word)
    {
        if (value.Sign < 0 || value > MaxUInt256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A uint256 is between 0 and 2^256 - 1.");
        }

        RequireWord(word);
        word.Clear();
        var length = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(word[(WordLength - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>A bytes32 value, copied as is; throws unless it is exactly 32 bytes.</summary>
    public static void WriteBytes32(ReadOnlySpan<byte> value, Span<byte> word)
    {
        if (value.Length != WordLength)
        {
            throw new ArgumentException($"A bytes32 value has 32 bytes, not {value.Length}.", nameof(value));
        }

        RequireWord(word);
        value.CopyTo(word);
    }

    /// <summary>The 20 bytes of an address; throws <see cref="FormatException"/> unless it is "0x" + 40 hex digits.</summary>
    public static byte[] ParseAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsHex(address.AsSpan(2)))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{address}' is not an address (0x followed by 40 hex digits)."));
        }

        return Convert.FromHexString(address.AsSpan(2));
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void RequireWord(Span<byte> word)
    {
        if (word.Length != WordLength)
        {
            throw new ArgumentException("An ABI word has 32 bytes.", nameof(word));
        }
    }
}
