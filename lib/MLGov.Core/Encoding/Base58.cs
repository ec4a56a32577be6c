namespace MLGov.Core.Encoding;

/// <summary>Base58 with the Bitcoin alphabet (draft-msporny-base58), used by multibase 'z' and did:key.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] DigitValues = BuildDigitValues();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var leadingZeros = 0;
        while (leadingZeros < bytes.Length && bytes[leadingZeros] == 0)
        {
            leadingZeros++;
        }

        // log(256)/log(58) ≈ 1.366: an upper bound on the number of base58 digits.
        var digits = new byte[((bytes.Length - leadingZeros) * 138 / 100) + 1];
        var length = 0;
        for (var i = leadingZeros; i < bytes.Length; i++)
        {
            int carry = bytes[i];
            var j = 0;
            for (var k = digits.Length - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }

            length = j;
        }

        var start = digits.Length - length;
        var result = new char[leadingZeros + length];
        result.AsSpan(0, leadingZeros).Fill('1');
        for (var i = 0; i < length; i++)
        {
            result[leadingZeros + i] = Alphabet[digits[start + i]];
        }

        return new string(result);
    }

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var leadingOnes = 0;
        while (leadingOnes < text.Length && text[leadingOnes] == '1')
        {
            leadingOnes++;
        }

        // log(58)/log(256) ≈ 0.733: an upper bound on the number of bytes.
        var bytes = new byte[((text.Length - leadingOnes) * 733 / 1000) + 1];
        var length = 0;
        for (var i = leadingOnes; i < text.Length; i++)
        {
            var c = text[i];
            var value = c < 128 ? DigitValues[c] : (sbyte)-1;
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base58 character.");
            }

            int carry = value;
            var j = 0;
            for (var k = bytes.Length - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * bytes[k];
                bytes[k] = (byte)(carry & 0xff);
                carry >>= 8;
            }

            length = j;
        }

        var result = new byte[leadingOnes + length];
        bytes.AsSpan(bytes.Length - length).CopyTo(result.AsSpan(leadingOnes));
        return result;
    }

    private static sbyte[] BuildDigitValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
