namespace MLGov.Core.Encoding;

/// <summary>
/// Multibase (draft-multiformats-multibase) for the encodings DIDs and VCs use:
/// 'z' base58btc, 'u' base64url (no padding), 'f' base16 lower-case.
/// </summary>
public static class Multibase
{
    public const char Base58Btc = 'z';
    public const char Base64Url = 'u';
    public const char Base16 = 'f';

    public static string Encode(ReadOnlySpan<byte> bytes, char prefix = Base58Btc) => prefix switch
    {
        Base58Btc => Base58Btc + Base58.Encode(bytes),
        Base64Url => Base64Url + Encoding.Base64Url.Encode(bytes),
        Base16 => Base16 + Hex.Encode(bytes, prefix: false),
        _ => throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "Unsupported multibase prefix."),
    };

    /// <summary>Decodes a multibase string; throws <see cref="FormatException"/> for an unknown prefix or bad digits.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var body = text[1..];
        return text[0] switch
        {
            Base58Btc => Base58.Decode(body),
            Base64Url => Encoding.Base64Url.Decode(body),
            Base16 when body.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) => Hex.Decode(body),
            _ => throw new FormatException($"Unsupported or malformed multibase text (prefix '{text[0]}')."),
        };
    }
}
