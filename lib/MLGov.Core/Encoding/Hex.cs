namespace MLGov.Core.Encoding;

/// <summary>Lower-case hexadecimal with optional "0x" prefix, as Ethereum tooling writes it.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true) =>
        (prefix ? "0x" : string.Empty) + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex with or without "0x"; throws <see cref="FormatException"/> on odd length or a non-hex digit.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.AsSpan();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length % 2 != 0)
        {
            throw new FormatException("Hex text must have an even number of digits.");
        }

        return Convert.FromHexString(digits);
    }

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        try
        {
            bytes = Decode(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
