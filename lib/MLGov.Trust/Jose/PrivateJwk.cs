using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>
/// A private JSON Web Key of the three key types: the public members of <see cref="Jwk"/> plus <c>d</c>, the private
/// key (RFC 8037 §2 for OKP, RFC 7518 §6.2.2.1 for EC). Written by <c>mlgov did new</c>; read by the CLI and by the
/// Identity app for a local issuer key. Reading checks that <c>d</c> belongs to the public coordinates.
/// </summary>
public static class PrivateJwk
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The key as a private JWK (indented JSON).</summary>
    public static string Write(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = JsonSerializer.SerializeToNode(Jwk.From(key.PublicKey))!.AsObject();
        jwk["d"] = Base64Url.Encode(key.PrivateKeyBytes);
        return jwk.ToJsonString(Indented);
    }

    /// <summary>The key a private JWK holds, or null with the reason (not JSON, another key type, d not matching x/y).</summary>
    public static SigningKey? TryRead(string? json, out string? problem)
    {
        JsonObject? jwk;
        try
        {
            jwk = json is null ? null : JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject;
        }
        catch (JsonException)
        {
            jwk = null;
        }

        if (jwk is null)
        {
            problem = "The key is not a JSON object.";
            return null;
        }

        problem = "The key is not a private JWK of an Ed25519, secp256k1 or P-256 key.";
        if (jwk["d"] is not JsonValue dValue || !dValue.TryGetValue<string>(out var d) || !Jwk.TryParse(jwk.ToJsonString(), out var publicJwk))
        {
            return null;
        }

        var type = publicJwk!.Crv switch
        {
            "Ed25519" when publicJwk.Kty == "OKP" => KeyType.Ed25519,
            "secp256k1" when publicJwk.Kty == "EC" => KeyType.Secp256k1,
            "P-256" when publicJwk.Kty == "EC" => KeyType.P256,
            _ => (KeyType?)null,
        };
        byte[] privateBytes;
        try
        {
            privateBytes = Base64Url.Decode(d);
        }
        catch (FormatException)
        {
            return null;
        }

        if (type is null || SigningKey.FromBytes(type.Value, privateBytes) is not { } key)
        {
            return null;
        }

        if (Jwk.From(key.PublicKey) != publicJwk)
        {
            problem = "The private key d does not match the public key x/y.";
            return null;
        }

        problem = null;
        return key;
    }
}
