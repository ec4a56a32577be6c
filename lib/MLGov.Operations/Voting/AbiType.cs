using System.Globalization;

namespace MLGov.Operations.Voting;

/// <summary>
/// A Solidity ABI type as <c>abi.encode</c> and ethers' ABI coder name it: <c>address</c>, <c>bool</c>, <c>string</c>,
/// <c>bytes</c>, <c>bytes1</c>..<c>bytes32</c>, <c>uint8</c>..<c>uint256</c> and <c>int8</c>..<c>int256</c> in steps of 8
/// (<c>uint</c> and <c>int</c> meaning 256 bits), and arrays of any of them, dynamic (<c>T[]</c>) or fixed (<c>T[k]</c>),
/// nested. Tuples are not supported.
/// </summary>
public sealed class AbiType
{
    private AbiType(string name, AbiKind kind, int size, AbiType? element, int? length)
    {
        Name = name;
        Kind = kind;
        Size = size;
        Element = element;
        Length = length;
    }

    /// <summary>The type as written.</summary>
    public string Name { get; }

    public AbiKind Kind { get; }

    /// <summary>Bits of an integer type, bytes of a <c>bytesN</c>; 0 otherwise.</summary>
    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public AbiType? Element { get; }

    /// <summary>The length of a fixed array (<c>T[k]</c>); null for <c>T[]</c> and non-arrays.</summary>
    public int? Length { get; }

    /// <summary>Whether the value goes in the tail behind an offset: string, bytes, <c>T[]</c>, and <c>T[k]</c> of a dynamic T.</summary>
    public bool IsDynamic => Kind switch
    {
        AbiKind.Text or AbiKind.Bytes => true,
        AbiKind.Array => Length is null || Element!.IsDynamic,
        _ => false,
    };

    /// <summary>The bytes a static value takes in place (32 for an elementary type, k times the element for <c>T[k]</c>).</summary>
    public int StaticSize => Kind == AbiKind.Array ? Length!.Value * Element!.StaticSize : 32;

    /// <summary>Parses a type name; null with <paramref name="problem"/> when it is not one of the supported types.</summary>
    public static AbiType? TryParse(string? name, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            problem = "An ABI type is a non-empty name such as address, uint256, bytes32, string or uint256[].";
            return null;
        }

        if (name.EndsWith(']'))
        {
            var open = name.LastIndexOf('[');
            var lengthText = open < 0 ? "x" : name[(open + 1)..^1];
            int? length = null;
            if (open <= 0 || (lengthText.Length > 0 && !IsPositiveInteger(lengthText)))
            {
                problem = $"'{name}' is not a type: an array is T[] or T[k] with k a positive integer.";
                return null;
            }

            if (lengthText.Length > 0)
            {
                length = int.Parse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture);
            }

            var element = TryParse(name[..open], out problem);
            return element is null ? null : new AbiType(name, AbiKind.Array, 0, element, length);
        }

        switch (name)
        {
            case "address":
                return new AbiType(name, AbiKind.Address, 0, null, null);
            case "bool":
                return new AbiType(name, AbiKind.Bool, 0, null, null);
            case "string":
                return new AbiType(name, AbiKind.Text, 0, null, null);
            case "bytes":
                return new AbiType(name, AbiKind.Bytes, 0, null, null);
            case "uint":
                return new AbiType(name, AbiKind.UnsignedInteger, 256, null, null);
            case "int":
                return new AbiType(name, AbiKind.SignedInteger, 256, null, null);
        }

        if (name.StartsWith("bytes", StringComparison.Ordinal) && IsPositiveInteger(name[5..]) && Number(name[5..]) is >= 1 and <= 32)
        {
            return new AbiType(name, AbiKind.FixedBytes, Number(name[5..]), null, null);
        }

        var (kind, digits) = name.StartsWith("uint", StringComparison.Ordinal) ? (AbiKind.UnsignedInteger, name[4..])
            : name.StartsWith("int", StringComparison.Ordinal) ? (AbiKind.SignedInteger, name[3..])
            : (AbiKind.Address, string.Empty);
        if (digits.Length > 0 && IsPositiveInteger(digits) && Number(digits) is var bits and >= 8 and <= 256 && bits % 8 == 0)
        {
            return new AbiType(name, kind, bits, null, null);
        }

        problem = name.StartsWith('(') || name.StartsWith("tuple", StringComparison.Ordinal)
            ? $"'{name}': tuple types are not supported."
            : $"'{name}' is not a supported ABI type (address, bool, string, bytes, bytes1..bytes32, uint8..uint256, int8..int256, and arrays T[] or T[k] of them).";
        return null;
    }

    public override string ToString() => Name;

    private static bool IsPositiveInteger(string text) =>
        text.Length is > 0 and <= 6 && text[0] != '0' && text.All(char.IsAsciiDigit);

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
