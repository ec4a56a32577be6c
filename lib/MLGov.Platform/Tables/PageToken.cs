using System.Security.Cryptography;
using System.Text;
using MLGov.Core.Encoding;

namespace MLGov.Platform.Tables;

/// <summary>
/// The opaque <c>next</c> token: base64url of a version byte, eight bytes of the SHA-256 of the Table
/// service's continuation, and the continuation. Callers cannot read it, and a token that was cut or
/// edited fails its check and is refused as a bad request instead of reaching the service. It is not
/// a secret: a forged token only moves the start of a scan that still has the list's filter (and the
/// exclusion of the platform's rows) applied.
/// </summary>
internal static class PageToken
{
    private const byte Version = 1;
    private const int CheckLength = 8;

    public static string Encode(string continuation)
    {
        var payload = Encoding.UTF8.GetBytes(continuation);
        var bytes = new byte[1 + CheckLength + payload.Length];
        bytes[0] = Version;
        SHA256.HashData(payload).AsSpan(0, CheckLength).CopyTo(bytes.AsSpan(1));
        payload.CopyTo(bytes.AsSpan(1 + CheckLength));
        return Base64Url.Encode(bytes);
    }

    public static bool TryDecode(string token, out string? continuation)
    {
        continuation = null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.Decode(token);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length <= 1 + CheckLength || bytes[0] != Version)
        {
            return false;
        }

        var payload = bytes.AsSpan(1 + CheckLength);
        if (!SHA256.HashData(payload).AsSpan(0, CheckLength).SequenceEqual(bytes.AsSpan(1, CheckLength)))
        {
            return false;
        }

        try
        {
            continuation = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
