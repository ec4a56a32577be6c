using MLGov.Core.Encoding;

namespace MLGov.Trust.Encoding;

/// <summary>
/// Multibase restricted to base58btc (prefix <c>z</c>), the only base did:key and Multikey allow.
/// Core's <see cref="Multibase"/> accepts more prefixes; verification code uses this one so that a
/// key in another base is refused rather than silently accepted.
/// </summary>
public static class MultibaseBase58Btc
{
    public const char Prefix = 'z';

    public static string Encode(ReadOnlySpan<byte> bytes) => Prefix + Base58.Encode(bytes);

    /// <summary>Decodes <c>z</c> + base58btc; false for any other prefix, an empty body or a non-base58 character.</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is not { Length: > 1 } || text[0] != Prefix)
        {
            return false;
        }

        try
        {
            bytes = Base58.Decode(text[1..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
