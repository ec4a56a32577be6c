using System.Text.Json;
using System.Text.Json.Serialization;
using MLGov.Core.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>
/// A public JSON Web Key for the three key types: OKP/Ed25519 (RFC 8037), EC/secp256k1 (RFC 8812) and EC/P-256 (RFC 7518).
/// Coordinates are base64url of their full fixed length, as RFC 7518 §6.2.1.2 requires.
/// </summary>
public sealed record Jwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y = null)
{
    private const int CoordinateLength = 32;

    public static Jwk From(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type == KeyType.Ed25519)
        {
            return new Jwk("OKP", "Ed25519", Base64Url.Encode(key.Bytes));
        }

        var point = Curves.TryDecodePoint(key.Type, key.Bytes)!;
        return new Jwk(
            "EC",
            key.Type == KeyType.Secp256k1 ? "secp256k1" : "P-256",
            Base64Url.Encode(point.AffineXCoord.GetEncoded()),
            Base64Url.Encode(point.AffineYCoord.GetEncoded()));
    }

    /// <summary>Reads a JWK from JSON; false for anything that is not an object with string kty, crv, x (and y).</summary>
    public static bool TryParse(string? json, out Jwk? jwk)
    {
        jwk = null;
        if (string.IsNullOrEmpty(json))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "kty") is not { } kty || String(root, "crv") is not { } crv || String(root, "x") is not { } x)
            {
                return false;
            }

            var hasY = root.TryGetProperty("y", out var y);
            if (hasY && y.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            jwk = new Jwk(kty, crv, x, hasY ? y.GetString() : null);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The key this JWK describes, or null with a reason: a kty that does not fit the crv, an unknown crv, a y on an
    /// OKP key or none on an EC key, a coordinate that is not base64url of the right length, or a point not on the curve.
    /// </summary>
    public PublicKey? ToPublicKey(out string? problem)
    {
        (KeyType? type, string expectedKty) = Crv switch
        {
            "Ed25519" => ((KeyType?)KeyType.Ed25519, "OKP"),
            "secp256k1" => (KeyType.Secp256k1, "EC"),
            "P-256" => (KeyType.P256, "EC"),
            _ => (null, string.Empty),
        };
        if (type is null)
        {
            problem = $"Unsupported crv '{Crv}'.";
            return null;
        }

        if (Kty != expectedKty)
        {
            problem = $"crv '{Crv}' needs kty '{expectedKty}', not '{Kty}'.";
            return null;
        }

        var x = Coordinate(X);
        if (x is null)
        {
            problem = "x is not base64url of 32 bytes.";
            return null;
        }

        PublicKey? key;
        if (type == KeyType.Ed25519)
        {
            if (Y is not null)
            {
                problem = "An OKP key has no y.";
                return null;
            }

            key = PublicKey.TryCreate(KeyType.Ed25519, x);
        }
        else
        {
            var y = Coordinate(Y);
            if (y is null)
            {
                problem = "y is not base64url of 32 bytes.";
                return null;
            }

            key = PublicKey.TryCreate(type.Value, [0x04, .. x, .. y]);
        }

        problem = key is null ? $"The coordinates are not a valid {Crv} public key." : null;
        return key;
    }

    private static byte[]? Coordinate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.Decode(text);
            return bytes.Length == CoordinateLength ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
