using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Operations.Voting;

/// <summary>
/// <c>abi.encode(values...)</c> of JSON values, as Solidity and ethers' <c>AbiCoder.encode(types, values)</c> (which
/// <c>@openzeppelin/merkle-tree</c> uses) lay it out: static values in place, dynamic ones (string, bytes, <c>T[]</c>)
/// behind a 32-byte offset in the tail. Values are read as those tools read them, more strictly where they would guess:
/// <list type="bullet">
/// <item>address: a string, 0x and 40 hex digits, all one case or with a valid EIP-55 checksum;</item>
/// <item>bool: true or false (not 0, 1 or a string);</item>
/// <item>uintN/intN: a decimal string (a leading minus for intN), a 0x hex string, or a JSON integer of at most
/// 2^53 − 1 in magnitude (a larger JSON number is not exact in JavaScript, so the file would mean different numbers to
/// different tools), within the type's range;</item>
/// <item>bytesN: a 0x hex string of exactly N bytes; bytes: a 0x hex string with an even number of digits;</item>
/// <item>string: a JSON string (encoded as UTF-8; a lone surrogate is refused);</item>
/// <item>arrays: a JSON array, of exactly k elements for <c>T[k]</c>.</item>
/// </list>
/// A value that does not fit its type is refused with a <see cref="ValidationException"/> naming it by JSON pointer.
/// </summary>
public static class AbiJsonEncoder
{
    private const int Word = AbiWords.WordLength;

    private static readonly BigInteger MaxSafeJsonInteger = (BigInteger.One << 53) - 1;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary><c>abi.encode</c> of <paramref name="values"/> (a JSON array, one element per type); <paramref name="path"/> prefixes the pointers in refusals.</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, JsonElement values, string path = "")
    {
        ArgumentNullException.ThrowIfNull(types);
        if (values.ValueKind != JsonValueKind.Array)
        {
            throw Problem(path, $"A value is a JSON array of {types.Count} element(s) ({string.Join(",", types)}).");
        }

        if (values.GetArrayLength() != types.Count)
        {
            throw Problem(path, $"A value has {types.Count} element(s) ({string.Join(",", types)}), not {values.GetArrayLength()}.");
        }

        return EncodeSequence(types, [.. values.EnumerateArray()], path);
    }

    // The head/tail layout of a tuple (or an array's elements): offsets count from the start of this sequence.
    private static byte[] EncodeSequence(IReadOnlyList<AbiType> types, JsonElement[] values, string path)
    {
        var headLength = types.Sum(t => t.IsDynamic ? Word : t.StaticSize);
        using var head = new MemoryStream();
        using var tail = new MemoryStream();
        for (var i = 0; i < types.Count; i++)
        {
            var encoded = EncodeValue(types[i], values[i], path + "/" + i.ToString(CultureInfo.InvariantCulture));
            if (types[i].IsDynamic)
            {
                head.Write(UInt256Word(headLength + tail.Length));
                tail.Write(encoded);
            }
            else
            {
                head.Write(encoded);
            }
        }

        tail.WriteTo(head);
        return head.ToArray();
    }

    private static byte[] EncodeValue(AbiType type, JsonElement value, string path)
    {
        switch (type.Kind)
        {
            case AbiKind.Array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw Problem(path, $"A {type} value must be a JSON array.");
                }

                var items = value.EnumerateArray().ToArray();
                if (type.Length is { } length && items.Length != length)
                {
                    throw Problem(path, $"A {type} value must have exactly {length} elements, not {items.Length}.");
                }

                var body = EncodeSequence([.. Enumerable.Repeat(type.Element!, items.Length)], items, path);
                return type.Length is null ? [.. UInt256Word(items.Length), .. body] : body;
            case AbiKind.Text:
                if (value.ValueKind != JsonValueKind.String)
                {
                    throw Problem(path, "A string value must be a JSON string.");
                }

                byte[] utf8;
                try
                {
                    utf8 = StrictUtf8.GetBytes(value.GetString()!);
                }
                catch (Exception exception) when (exception is EncoderFallbackException or InvalidOperationException)
                {
                    throw Problem(path, "The string is not valid Unicode (a lone surrogate).");
                }

                return Padded(utf8);
            case AbiKind.Bytes:
                return Padded(HexBytes(value, path, type));
            case AbiKind.FixedBytes:
                var bytes = HexBytes(value, path, type);
                if (bytes.Length != type.Size)
                {
                    throw Problem(path, $"A {type} value must be exactly {type.Size} bytes, not {bytes.Length}.");
                }

                var fixedWord = new byte[Word];
                bytes.CopyTo(fixedWord, 0);
                return fixedWord;
            case AbiKind.Bool:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Problem(path, "A bool value must be true or false.");
                }

                var boolWord = new byte[Word];
                boolWord[^1] = value.ValueKind == JsonValueKind.True ? (byte)1 : (byte)0;
                return boolWord;
            case AbiKind.Address:
                if (value.ValueKind != JsonValueKind.String || !EvmAddress.IsValid(value.GetString()))
                {
                    throw Problem(path, EvmAddress.Problem("An address value"));
                }

                var addressWord = new byte[Word];
                AbiWords.WriteAddress(value.GetString()!, addressWord);
                return addressWord;
            default:
                return IntegerWord(type, value, path);
        }
    }

    private static byte[] IntegerWord(AbiType type, JsonElement value, string path)
    {
        var number = Integer(value, path, type);
        var signed = type.Kind == AbiKind.SignedInteger;
        var (min, max) = signed
            ? (-(BigInteger.One << (type.Size - 1)), (BigInteger.One << (type.Size - 1)) - 1)
            : (BigInteger.Zero, (BigInteger.One << type.Size) - 1);
        if (number < min || number > max)
        {
            throw Problem(path, $"{number} is outside the range of {type}.");
        }

        // Two's complement in 256 bits, as abi.encode writes a negative intN.
        var word = new byte[Word];
        AbiWords.WriteUInt256(number.Sign < 0 ? (BigInteger.One << 256) + number : number, word);
        return word;
    }

    private static BigInteger Integer(JsonElement value, string path, AbiType type)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            var raw = value.GetRawText();
            var digits = raw.StartsWith('-') ? raw.AsSpan(1) : raw.AsSpan();
            if (digits.Length is > 0 and <= 16 && digits.IndexOfAnyExcept(Digits) < 0)
            {
                var number = BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (BigInteger.Abs(number) <= MaxSafeJsonInteger)
                {
                    return number;
                }
            }

            throw Problem(path, $"A {type} value given as a JSON number must be an integer of at most 2^53 - 1 in magnitude; write larger values as decimal strings.");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (text.Length > 2 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length <= 66
                && text.AsSpan(2).IndexOfAnyExcept(HexDigits) < 0)
            {
                return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
            if (digits.Length is > 0 and <= 78 && digits.IndexOfAnyExcept(Digits) < 0)
            {
                return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }
        }

        throw Problem(path, $"A {type} value must be an integer: a decimal string, a 0x hex string or a JSON integer.");
    }

    private static byte[] HexBytes(JsonElement value, string path, AbiType type)
    {
        if (value.ValueKind != JsonValueKind.String || !value.GetString()!.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            || !Hex.TryDecode(value.GetString(), out var bytes))
        {
            throw Problem(path, $"A {type} value must be a 0x hex string with an even number of digits.");
        }

        return bytes;
    }

    private static byte[] Padded(byte[] content)
    {
        var padded = new byte[Word + ((content.Length + Word - 1) / Word * Word)];
        AbiWords.WriteUInt256(content.Length, padded.AsSpan(0, Word));
        content.CopyTo(padded, Word);
        return padded;
    }

    private static byte[] UInt256Word(long value)
    {
        var word = new byte[Word];
        AbiWords.WriteUInt256(value, word);
        return word;
    }

    private static ValidationException Problem(string path, string problem) => ValidationException.For(path, problem);
}
