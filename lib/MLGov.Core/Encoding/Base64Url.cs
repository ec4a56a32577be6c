namespace MLGov.Core.Encoding;

/// <summary>RFC 4648 §5 base64url without padding, as JOSE (RFC 7515) uses it.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Decodes unpadded base64url; rejects padding, standard-alphabet characters and whitespace.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok)
            {
                throw new FormatException($"'{c}' is not a base64url character.");
            }
        }

        if (text.Length % 4 == 1)
        {
            throw new FormatException("Base64url text has an impossible length.");
        }

        return System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }

    /// <summary>Decodes like <see cref="Decode"/>, returning false instead of throwing.</summary>
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
