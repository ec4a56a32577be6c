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
        var signingInput = SigningInput(JwsAlgorithms.For(key.Type), payload, kid, typ);
        return signingInput + "." + Base64Url.Encode(key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>
    /// Signs with a key that may live elsewhere (Key Vault): the header's alg is the signer's. The signer's answer is
    /// used as the signature as is; a signer that cannot sign throws <see cref="JwsSigningException"/>.
    /// </summary>
    public static async ValueTask<string> SignAsync(IJwsKeySigner signer, ReadOnlyMemory<byte> payload, string? kid = null, string? typ = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (JwsAlgorithms.KeyTypeOf(signer.Algorithm) is null)
        {
            throw new ArgumentException($"The signer's algorithm '{signer.Algorithm}' is not one of EdDSA, ES256K, ES256.", nameof(signer));
        }

        var signingInput = SigningInput(signer.Algorithm, payload.Span, kid, typ);
        var signature = await signer.SignAsync(System.Text.Encoding.ASCII.GetBytes(signingInput), cancellationToken).ConfigureAwait(false);
        if (signature.Length != 64)
        {
            throw new JwsSigningException($"The signer returned {signature.Length} bytes; a {signer.Algorithm} signature is 64.", isTransient: false);
        }

        return signingInput + "." + Base64Url.Encode(signature);
    }

    private static string SigningInput(string alg, ReadOnlySpan<byte> payload, string? kid, string? typ)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", alg);
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

        return Base64Url.Encode(buffer.ToArray()) + "." + Base64Url.Encode(payload);
    }
}
