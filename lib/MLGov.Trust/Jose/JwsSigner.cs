using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>
/// Signs compact JWS with a <see cref="SigningKey"/> for tests and development: EdDSA, ES256K or ES256 by key type,
/// ECDSA signatures as JOSE's raw R||S (64 bytes, low-s). The header is alg, then kid and typ when given.
/// </summary>
public static class JwsSigner
{
    public static string Sign(SigningKey key, ReadOnlySpan<byte> payload, string? kid = null, string? typ = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", JwsAlgorithms.For(key.Type));
            if (kid is not null)
            {
                writer.WriteString("kid", kid);
            }

            if (typ is not null)
            {
                writer.WriteString("typ", typ);
            }

            writer.WriteEndObject();
        }

        var signingInput = Base64Url.Encode(buffer.ToArray()) + "." + Base64Url.Encode(payload);
        return signingInput + "." + Base64Url.Encode(key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput)));
    }
}
