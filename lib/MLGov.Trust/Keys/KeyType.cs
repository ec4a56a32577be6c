namespace MLGov.Trust.Keys;

/// <summary>The signature key types the trust primitives verify: those issue 19 names for did:key and JWS.</summary>
public enum KeyType
{
    Ed25519,
    Secp256k1,
    P256,
}
