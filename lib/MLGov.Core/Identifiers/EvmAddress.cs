using System.Buffers;
using System.Text;
using MLGov.Core.Hashing;

namespace MLGov.Core.Identifiers;

/// <summary>
/// EVM account and contract addresses: <c>0x</c> and 40 hex digits. All lower-case and all upper-case
/// digits are accepted as written; mixed case must carry a valid EIP-55 checksum, so a mistyped
/// address is refused instead of sending value to nobody.
/// </summary>
public static class EvmAddress
{
    public const int HexDigits = 40;

    private static readonly SearchValues<char> LowerLetters = SearchValues.Create("abcdef");
    private static readonly SearchValues<char> UpperLetters = SearchValues.Create("ABCDEF");

    public static bool IsValid(string? value)
    {
        if (value is not { Length: HexDigits + 2 } || !value.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = value.AsSpan(2);
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        var hasLower = digits.ContainsAny(LowerLetters);
        var hasUpper = digits.ContainsAny(UpperLetters);
        return !(hasLower && hasUpper) || string.Equals(ToChecksum(value), value, StringComparison.Ordinal);
    }

    /// <summary>The EIP-55 mixed-case form of a valid address.</summary>
    public static string ToChecksum(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length != HexDigits + 2 || !address.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException("An address is 0x followed by 40 hex digits.");
        }

        var lower = address[2..].ToLowerInvariant();
        if (!lower.All(char.IsAsciiHexDigit))
        {
            throw new FormatException("An address is 0x followed by 40 hex digits.");
        }

        var hash = Keccak256.Compute(System.Text.Encoding.ASCII.GetBytes(lower));
        var result = new StringBuilder("0x", HexDigits + 2);
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }

        return result.ToString();
    }

    public static string Problem(string member) =>
        $"{member} must be an address: 0x and 40 hex digits, in one case or with a valid EIP-55 checksum.";
}
