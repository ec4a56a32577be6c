using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>The JWS <c>alg</c> values accepted (RFC 8037, RFC 8812, RFC 7518), each tied to exactly one key type.</summary>
public static class JwsAlgorithms
{
    public const string EdDsa = "EdDSA";
    public const string Es256K = "ES256K";
    public const string Es256 = "ES256";

    public static string For(KeyType type) => type switch
    {
        KeyType.Ed25519 => EdDsa,
        KeyType.Secp256k1 => Es256K,
        KeyType.P256 => Es256,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No JWS algorithm for this key type."),
    };

    /// <summary>The key type an algorithm needs; null for any other value, <c>none</c> and the HMAC algorithms included.</summary>
    public static KeyType? KeyTypeOf(string? alg) => alg switch
    {
        EdDsa => KeyType.Ed25519,
        Es256K => KeyType.Secp256k1,
        Es256 => KeyType.P256,
        _ => null,
    };
}
