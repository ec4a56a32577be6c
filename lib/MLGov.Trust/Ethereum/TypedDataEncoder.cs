using System.Globalization;
using System.Numerics;
using System.Buffers;
using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;

namespace MLGov.Trust.Ethereum;

/// <summary>
/// EIP-712 hashing of arbitrary typed data with the semantics of <c>eth_signTypedData_v4</c> (MetaMask's
/// <c>eth-sig-util</c> V4, ethers' <c>TypedDataEncoder</c>): struct types with their dependencies listed primary first
/// then alphabetically in <c>encodeType</c>; atomic members as one 32-byte word; <c>string</c> and <c>bytes</c> as the
/// keccak256 of their content; struct members as their <c>hashStruct</c>; arrays (dynamic <c>T[]</c> and fixed
/// <c>T[n]</c>, nested) as the keccak256 of their elements' encodings concatenated.
/// <para>
/// Stricter than the wallets where they would guess: every member of a struct must be present (V4 would hash a missing
/// struct as zero), no member may be present that the type does not declare (it would be shown to the signer but not
/// signed), integers are JSON integers, decimal strings or <c>0x</c> hex strings within the type's range, <c>bytesN</c>
/// is exactly N bytes, addresses are 20 bytes (mixed case must carry a valid EIP-55 checksum), and the types must
/// declare <c>EIP712Domain</c>. Anything else is refused with a <see cref="ValidationException"/> that names the member
/// by its JSON path.
/// </para>
/// </summary>
public static class TypedDataEncoder
{
    /// <summary>The name of the domain's struct type.</summary>
    public const string DomainType = "EIP712Domain";

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Hashes a typed data JSON document (<c>types</c>, <c>primaryType</c>, <c>domain</c>, <c>message</c>), as a wallet's <c>eth_signTypedData_v4</c> would.</summary>
    public static TypedDataHashes Hash(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException exception)
        {
            throw new ValidationException("The typed data is not JSON.", new Dictionary<string, string[]> { [""] = ["The typed data is not JSON."] }, exception);
        }

        using (document)
        {
            return Hash(document.RootElement);
        }
    }

    /// <summary>Hashes a parsed typed data document.</summary>
    public static TypedDataHashes Hash(JsonElement typedData)
    {
        if (typedData.ValueKind != JsonValueKind.Object)
        {
            throw Problem("", "The typed data is not a JSON object.");
        }

        var types = ParseTypes(Member(typedData, "types", ""), "/types");
        var primaryType = Member(typedData, "primaryType", "");
        if (primaryType.ValueKind != JsonValueKind.String || !types.ContainsKey(primaryType.GetString()!))
        {
            throw Problem("/primaryType", "primaryType must name one of the struct types.");
        }

        if (!types.ContainsKey(DomainType))
        {
            throw Problem("/types", "The types must declare EIP712Domain.");
        }

        var domainSeparator = HashStruct(types, DomainType, Member(typedData, "domain", ""), "/domain");
        var primary = primaryType.GetString()!;
        byte[]? messageHash = null;
        if (primary != DomainType)
        {
            messageHash = HashStruct(types, primary, Member(typedData, "message", ""), "/message");
        }

        return new TypedDataHashes(domainSeparator, messageHash, Digest(domainSeparator, messageHash));
    }

    /// <summary><c>keccak256(0x19 0x01 ‖ domainSeparator ‖ messageHash)</c>; without a message hash, of the first two parts only.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> messageHash)
    {
        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.CopyTo(buffer[2..34]);
        messageHash.CopyTo(buffer[34..]);
        return Keccak256.Compute(buffer[..(34 + messageHash.Length)]);
    }

    /// <summary>
    /// The struct types of a typed data document's <c>types</c> member: an object of arrays of <c>{name, type}</c>.
    /// Refused: a type or member name that is not an identifier, a member named twice, a member of a type that is
    /// neither atomic nor declared.
    /// </summary>
    public static IReadOnlyDictionary<string, TypedDataField[]> ParseTypes(JsonElement types, string path = "/types")
    {
        if (types.ValueKind != JsonValueKind.Object)
        {
            throw Problem(path, "types must be an object of struct types.");
        }

        var result = new Dictionary<string, TypedDataField[]>(StringComparer.Ordinal);
        foreach (var type in types.EnumerateObject())
        {
            var typePath = path + "/" + type.Name;
            if (!IsIdentifier(type.Name))
            {
                throw Problem(typePath, $"'{type.Name}' is not a struct type name (letters, digits, _ and $, not starting with a digit).");
            }

            if (result.ContainsKey(type.Name))
            {
                throw Problem(typePath, $"The type '{type.Name}' is declared twice.");
            }

            if (type.Value.ValueKind != JsonValueKind.Array)
            {
                throw Problem(typePath, $"The type '{type.Name}' must be an array of {{name, type}} members.");
            }

            var fields = new List<TypedDataField>();
            var index = 0;
            foreach (var field in type.Value.EnumerateArray())
            {
                var fieldPath = typePath + "/" + index.ToString(CultureInfo.InvariantCulture);
                if (field.ValueKind != JsonValueKind.Object
                    || !field.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !field.TryGetProperty("type", out var fieldType) || fieldType.ValueKind != JsonValueKind.String)
                {
                    throw Problem(fieldPath, "A member is an object with a string name and a string type.");
                }

                if (!IsIdentifier(name.GetString()!))
                {
                    throw Problem(fieldPath, $"'{name.GetString()}' is not a member name.");
                }

                if (fields.Any(f => f.Name == name.GetString()))
                {
                    throw Problem(fieldPath, $"The member '{name.GetString()}' is declared twice in '{type.Name}'.");
                }

                fields.Add(new TypedDataField(name.GetString()!, fieldType.GetString()!));
                index++;
            }

            result[type.Name] = [.. fields];
        }

        foreach (var (name, fields) in result)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                var baseType = BaseType(fields[i].Type, $"{path}/{name}/{i}");
                if (!result.ContainsKey(baseType) && !IsAtomic(baseType))
                {
                    throw Problem($"{path}/{name}/{i}", $"The type '{fields[i].Type}' is neither atomic nor declared.");
                }
            }
        }

        return result;
    }

    /// <summary><c>encodeType</c>: the type then its dependencies in alphabetical order, each as <c>Name(type name,...)</c>.</summary>
    public static string EncodeType(IReadOnlyDictionary<string, TypedDataField[]> types, string primaryType)
    {
        ArgumentNullException.ThrowIfNull(types);
        var found = new List<string>();
        CollectDependencies(types, primaryType, found);
        var ordered = new[] { primaryType }.Concat(found.Where(t => t != primaryType).Order(StringComparer.Ordinal));
        var builder = new StringBuilder();
        foreach (var type in ordered)
        {
            builder.Append(type).Append('(');
            builder.AppendJoin(',', types[type].Select(f => f.Type + " " + f.Name));
            builder.Append(')');
        }

        return builder.ToString();
    }

    /// <summary><c>typeHash</c>: keccak256 of <see cref="EncodeType"/>.</summary>
    public static byte[] TypeHash(IReadOnlyDictionary<string, TypedDataField[]> types, string primaryType) =>
        Keccak256.Compute(System.Text.Encoding.UTF8.GetBytes(EncodeType(types, primaryType)));

    /// <summary><c>hashStruct(type, value) = keccak256(typeHash ‖ encodeData(value))</c>.</summary>
    public static byte[] HashStruct(IReadOnlyDictionary<string, TypedDataField[]> types, string type, JsonElement value, string path = "")
    {
        ArgumentNullException.ThrowIfNull(types);
        if (!types.TryGetValue(type, out var fields))
        {
            throw Problem(path, $"'{type}' is not a declared struct type.");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Problem(path, $"A value of type {type} must be a JSON object.");
        }

        foreach (var member in value.EnumerateObject())
        {
            if (!fields.Any(f => f.Name == member.Name))
            {
                throw Problem(path + "/" + member.Name, $"'{member.Name}' is not a member of {type}: it would be shown to the signer without being signed.");
            }
        }

        var encoded = new byte[32 * (fields.Length + 1)];
        TypeHash(types, type).CopyTo(encoded, 0);
        for (var i = 0; i < fields.Length; i++)
        {
            var memberPath = path + "/" + fields[i].Name;
            if (!value.TryGetProperty(fields[i].Name, out var member))
            {
                throw Problem(memberPath, $"The member '{fields[i].Name}' of {type} is missing.");
            }

            EncodeValue(types, fields[i].Type, member, memberPath, encoded.AsSpan(32 * (i + 1), 32));
        }

        return Keccak256.Compute(encoded);
    }

    private static void EncodeValue(IReadOnlyDictionary<string, TypedDataField[]> types, string type, JsonElement value, string path, Span<byte> word)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var element = type[..open];
            var length = type[(open + 1)..^1];
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Problem(path, $"A value of type {type} must be a JSON array.");
            }

            var count = value.GetArrayLength();
            if (length.Length > 0 && count != int.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture))
            {
                throw Problem(path, $"A value of type {type} must have exactly {length} elements, not {count}.");
            }

            var encoded = new byte[32 * count];
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                EncodeValue(types, element, item, path + "/" + index.ToString(CultureInfo.InvariantCulture), encoded.AsSpan(32 * index, 32));
                index++;
            }

            Keccak256.Instance.Hash(encoded, word);
            return;
        }

        if (types.ContainsKey(type))
        {
            HashStruct(types, type, value, path).CopyTo(word);
            return;
        }

        switch (type)
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    throw Problem(path, "A string value must be a JSON string.");
                }

                Keccak256.Instance.Hash(System.Text.Encoding.UTF8.GetBytes(value.GetString()!), word);
                return;
            case "bytes":
                Keccak256.Instance.Hash(HexBytes(value, path, type), word);
                return;
            case "bool":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Problem(path, "A bool value must be true or false.");
                }

                word.Clear();
                word[31] = value.ValueKind == JsonValueKind.True ? (byte)1 : (byte)0;
                return;
            case "address":
                if (value.ValueKind != JsonValueKind.String || !EvmAddress.IsValid(value.GetString()))
                {
                    throw Problem(path, EvmAddress.Problem("An address value"));
                }

                AbiWords.WriteAddress(value.GetString()!, word);
                return;
        }

        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            var size = int.Parse(type.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
            var bytes = HexBytes(value, path, type);
            if (bytes.Length != size)
            {
                throw Problem(path, $"A {type} value must be exactly {size} bytes, not {bytes.Length}.");
            }

            word.Clear();
            bytes.CopyTo(word);
            return;
        }

        var signed = type.StartsWith("int", StringComparison.Ordinal);
        var bits = IntegerBits(type);
        var number = Integer(value, path, type);
        var (min, max) = signed ? (-(BigInteger.One << (bits - 1)), (BigInteger.One << (bits - 1)) - 1) : (BigInteger.Zero, (BigInteger.One << bits) - 1);
        if (number < min || number > max)
        {
            throw Problem(path, $"The value is outside the range of {type}.");
        }

        // Two's complement in 256 bits, as abi.encode writes a negative intN.
        AbiWords.WriteUInt256(number.Sign < 0 ? (BigInteger.One << 256) + number : number, word);
    }

    private static BigInteger Integer(JsonElement value, string path, string type)
    {
        string? text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is not null)
        {
            if (value.ValueKind == JsonValueKind.String && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length > 2
                && text.AsSpan(2).IndexOfAnyExcept(HexDigits) < 0 && text.Length <= 66)
            {
                return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
            if (digits.Length is > 0 and <= 78 && digits.IndexOfAnyExcept(Digits) < 0)
            {
                return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }
        }

        throw Problem(path, $"A {type} value must be an integer: a JSON integer, a decimal string or a 0x hex string.");
    }

    private static byte[] HexBytes(JsonElement value, string path, string type)
    {
        if (value.ValueKind != JsonValueKind.String || !value.GetString()!.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            || !Hex.TryDecode(value.GetString(), out var bytes))
        {
            throw Problem(path, $"A {type} value must be a 0x hex string with an even number of digits.");
        }

        return bytes;
    }

    private static void CollectDependencies(IReadOnlyDictionary<string, TypedDataField[]> types, string type, List<string> found)
    {
        if (found.Contains(type) || !types.TryGetValue(type, out var fields))
        {
            return;
        }

        found.Add(type);
        foreach (var field in fields)
        {
            CollectDependencies(types, StripArrays(field.Type), found);
        }
    }

    private static string StripArrays(string type)
    {
        var open = type.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? type : type[..open];
    }

    /// <summary>The element type once every array suffix is removed; refuses a malformed suffix.</summary>
    private static string BaseType(string type, string path)
    {
        var rest = type;
        while (rest.EndsWith(']'))
        {
            var open = rest.LastIndexOf('[');
            var length = open < 0 ? "x" : rest[(open + 1)..^1];
            if (open <= 0 || (length.Length > 0 && (length.AsSpan().IndexOfAnyExcept(Digits) >= 0 || length[0] == '0' || length.Length > 6)))
            {
                throw Problem(path, $"'{type}' is not a type: an array is T[] or T[n] with n a positive integer.");
            }

            rest = rest[..open];
        }

        return rest;
    }

    private static bool IsAtomic(string type)
    {
        if (type is "address" or "bool" or "string" or "bytes")
        {
            return true;
        }

        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            return int.TryParse(type.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 32
                && !type.AsSpan(5).StartsWith("0");
        }

        return type.StartsWith("uint", StringComparison.Ordinal) || type.StartsWith("int", StringComparison.Ordinal) ? IntegerBits(type) > 0 : false;
    }

    /// <summary>The width of uintN/intN (uint and int alone are 256 bits), or 0 when the name is not an integer type.</summary>
    private static int IntegerBits(string type)
    {
        var digits = type.StartsWith("uint", StringComparison.Ordinal) ? type.AsSpan(4) : type.StartsWith("int", StringComparison.Ordinal) ? type.AsSpan(3) : "x";
        if (digits.Length == 0)
        {
            return 256;
        }

        return !digits.StartsWith("0") && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits is >= 8 and <= 256 && bits % 8 == 0 ? bits : 0;
    }

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 256 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    private static JsonElement Member(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var member) ? member : throw Problem(path + "/" + name, $"The typed data has no '{name}'.");

    private static ValidationException Problem(string path, string problem) => ValidationException.For(path, problem);
}
