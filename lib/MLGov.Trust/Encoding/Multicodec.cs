namespace MLGov.Trust.Encoding;

/// <summary>
/// Multicodec prefixes (unsigned LEB128 varints, as the multiformats unsigned-varint spec defines them)
/// for the public key types did:key carries.
/// </summary>
public static class Multicodec
{
    public const ulong Ed25519Public = 0xed;
    public const ulong X25519Public = 0xec;
    public const ulong Secp256k1Public = 0xe7;
    public const ulong P256Public = 0x1200;

    // The unsigned-varint spec caps varints at 9 bytes; codes here are far shorter, and refusing
    // longer ones keeps a hostile prefix from costing more than a few loop turns.
    private const int MaxVarintBytes = 9;

    public static byte[] Prefix(ulong code, ReadOnlySpan<byte> body)
    {
        var prefix = new List<byte>(4);
        do
        {
            var b = (byte)(code & 0x7f);
            code >>= 7;
            prefix.Add(code == 0 ? b : (byte)(b | 0x80));
        }
        while (code != 0);

        var result = new byte[prefix.Count + body.Length];
        prefix.CopyTo(result);
        body.CopyTo(result.AsSpan(prefix.Count));
        return result;
    }

    /// <summary>
    /// Reads the varint code at the start of <paramref name="bytes"/>. False when it is truncated, too long
    /// or not minimally encoded (a trailing zero byte), since two spellings of one code would give one key two DIDs.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out ulong code, out int length)
    {
        code = 0;
        length = 0;
        for (var i = 0; i < bytes.Length && i < MaxVarintBytes; i++)
        {
            var b = bytes[i];
            code |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    return false;
                }

                length = i + 1;
                return true;
            }
        }

        code = 0;
        return false;
    }
}
