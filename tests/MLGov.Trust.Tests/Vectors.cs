namespace MLGov.Trust.Tests;

/// <summary>Public test vectors, each with its source. None is output of the code under test.</summary>
internal static class Vectors
{
    // RFC 8037 Appendix A.1/A.2 (the RFC 8032 §7.1 TEST 1 key) and A.4 (the Ed25519 JWS of "Example of Ed25519 signing").
    public const string Rfc8037PrivateD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    public const string Rfc8037PublicX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    public const string Rfc8032Test1PublicHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    public const string Rfc8037SigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    public const string Rfc8037Payload = "Example of Ed25519 signing";
    public const string Rfc8037Signature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    // did:key spec (W3C CCG did:key v0.7) test vectors: Ed25519.
    public const string DidKeyEd25519 = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

    // Ed25519 did:keys with the X25519 key agreement key their published documents list: the example document of
    // digitalbazaar/did-method-key's README, and aries_cloudagent/did/tests/test_dids.py of openwallet-foundation/acapy.
    public const string DidKeyWithAgreementA = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH";
    public const string DidKeyAgreementA = "z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc";
    public const string DidKeyWithAgreementB = "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th";
    public const string DidKeyAgreementB = "z6LShpNhGwSupbB7zjuivH156vhLJBDDzmQtA4BY9S94pe1K";

    // did:key spec test vectors: secp256k1 and P-256.
    public const string DidKeySecp256k1 = "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme";
    public const string DidKeyP256 = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";

    // Multikey key pairs published in digitalbazaar/ecdsa-multikey's test data: secret and public multibase of one key.
    public const string Secp256k1SecretMultibase = "z3vLXmZpEbf25QhH4nu9ar2rVUKj8R7Eo9jVwcBzFEF2aCym";
    public const string Secp256k1PublicMultibase = "zQ3shNetPDi5oNHv5zUheM1WjwJ86vYWZFu9X6jb6w1dS5hYN";
    public const string P256SecretMultibase = "z42twirSb1PULt5Sg6gjgNMsdiLycu6fbA83aX1vVb8e3ncP";
    public const string P256PublicMultibase = "zDnaeSMnptAKpH4AD41vTkwzjznW7yNetdRh9FJn8bJsbsdbw";

    // Multicodec table: secp256k1-priv and p256-priv, the prefixes of the secret multibase values above.
    public const ulong Secp256k1Private = 0x1301;
    public const ulong P256Private = 0x1306;
}
