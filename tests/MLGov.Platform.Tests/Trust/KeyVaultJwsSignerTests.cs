using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Platform.Trust;
using MLGov.Testing.KeyVault;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Platform.Tests.Trust;

/// <summary>
/// Credentials issued with a key held in Key Vault (the stand-in, over real HTTP): ES256 with P-256 and ES256K with
/// P-256K verify with the trust library's verifier under the did:key of the vault's public key, whichever half of s
/// the vault answers; errors map to transient or permanent; Ed25519 is refused.
/// </summary>
public sealed class KeyVaultJwsSignerTests : IAsyncLifetime
{
    // Private keys written out here so the expected did:key comes from them, not from what the vault answers.
    private const string Secp256k1Hex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string P256Hex = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";

    private KeyVaultStandIn _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await KeyVaultStandIn.StartAsync();
        _vault.AddSecp256k1Key("issuer-k1", Secp256k1Hex);
        _vault.AddP256Key("issuer-p256", P256Hex);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    public static TheoryData<string, SignatureShape, CredentialFormat> Cases() => new()
    {
        { "issuer-p256", SignatureShape.AsSigned, CredentialFormat.VcdmV2Jose },
        { "issuer-p256", SignatureShape.HighS, CredentialFormat.VcdmV1Jwt },
        { "issuer-k1", SignatureShape.LowS, CredentialFormat.VcdmV2Jose },
        { "issuer-k1", SignatureShape.HighS, CredentialFormat.VcdmV2Jose },
        { "issuer-k1", SignatureShape.HighS, CredentialFormat.VcdmV1Jwt },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_credential_signed_in_the_vault_verifies_under_the_did_key_of_the_vault_key(string keyName, SignatureShape shape, CredentialFormat format)
    {
        _vault.Shape = shape;
        using var signer = Signer(keyName);
        var publicKey = await signer.InitializeAsync(CancellationToken.None);

        var (type, hex, alg) = keyName == "issuer-k1" ? (KeyType.Secp256k1, Secp256k1Hex, "ES256K") : (KeyType.P256, P256Hex, "ES256");
        var expectedDid = DidKey.From(SigningKey.FromBytes(type, Convert.FromHexString(hex))!.PublicKey);
        Assert.Equal(expectedDid, signer.IssuerDid);
        Assert.Equal(alg, signer.Algorithm);
        Assert.Equal(type, publicKey.Type);

        var kid = expectedDid + "#" + expectedDid["did:key:".Length..];
        var token = await VcJwtIssuer.IssueAsync(Draft(expectedDid), signer, kid, format);

        var result = await new VcJwtVerifier(MethodDidResolver.Local()).VerifyAsync(token, new CredentialExpectations(["EnterpriseMemberCredential"], TrustedIssuers: [expectedDid]));
        Assert.True(result.Verified, result.FirstError);
        Assert.Equal(expectedDid, result.Issuer);
        Assert.Contains("\"alg\":\"" + alg + "\"", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[0]))), StringComparison.Ordinal);
        if (shape == SignatureShape.HighS)
        {
            // The vault really answered high-s, so the signer's normalisation (ES256K) or acceptance (ES256) was exercised.
            var raw = _vault.Signatures.Last();
            Assert.True(SignerOrder(type).CompareTo(new System.Numerics.BigInteger(raw.S, isUnsigned: true, isBigEndian: true) * 2) < 0);
        }
    }

    [Fact]
    public async Task A_signature_made_by_another_key_is_refused_permanently()
    {
        _vault.ImpostorKeyHex = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
        using var signer = Signer("issuer-k1");
        await signer.InitializeAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<JwsSigningException>(async () => await VcJwtIssuer.IssueAsync(Draft(signer.IssuerDid!), signer, signer.IssuerDid + "#" + signer.IssuerDid![8..], CredentialFormat.VcdmV2Jose));
        Assert.False(error.IsTransient);
        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_is_permanent()
    {
        _vault.InjectFault(KeyVaultFault.Forbidden(KeyVaultOperation.Sign));
        using var signer = Signer("issuer-p256");
        var error = await Assert.ThrowsAsync<JwsSigningException>(async () => await signer.SignAsync("e30.e30"u8.ToArray(), CancellationToken.None));
        Assert.False(error.IsTransient);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task Throttling_is_transient_with_the_vaults_Retry_After()
    {
        _vault.InjectFault(KeyVaultFault.Throttled(TimeSpan.FromSeconds(7), KeyVaultOperation.Sign));
        using var signer = Signer("issuer-k1");
        var error = await Assert.ThrowsAsync<JwsSigningException>(async () => await signer.SignAsync("e30.e30"u8.ToArray(), CancellationToken.None));
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal(1, _vault.Count(KeyVaultOperation.Sign));
    }

    [Fact]
    public async Task A_missing_key_is_permanent()
    {
        using var signer = Signer("no-such-key");
        var error = await Assert.ThrowsAsync<JwsSigningException>(async () => await signer.InitializeAsync(CancellationToken.None));
        Assert.False(error.IsTransient);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EdDsa_is_refused_with_a_pointer_to_the_key_documentation()
    {
        var error = Assert.Throws<ArgumentException>(() => new KeyVaultJwsSigner(
            new KeyVaultJwsSignerOptions { KeyVaultKeyId = _vault.KeyId("issuer-k1"), Algorithm = JwsAlgorithms.EdDsa },
            _vault.Credential,
            NullLogger<KeyVaultJwsSigner>.Instance));
        Assert.Contains("Ed25519", error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/keys.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_another_algorithm_than_configured_is_refused_permanently()
    {
        using var signer = Signer("issuer-p256", JwsAlgorithms.Es256K);
        var error = await Assert.ThrowsAsync<JwsSigningException>(async () => await signer.InitializeAsync(CancellationToken.None));
        Assert.False(error.IsTransient);
        Assert.Equal(0, _vault.Count(KeyVaultOperation.Sign));
    }

    private static System.Numerics.BigInteger SignerOrder(KeyType type) => System.Numerics.BigInteger.Parse(
        type == KeyType.Secp256k1
            // SEC 2 §2.4.1 (secp256k1) and §2.4.2 (secp256r1 = P-256) group orders.
            ? "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"
            : "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - (text.Length % 4)) % 4);
    }

    private static CredentialDraft Draft(string issuer) => new(
        issuer,
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        ["EnterpriseMemberCredential"],
        new JsonObject { ["tenant"] = "contoso" },
        DateTimeOffset.UtcNow.AddDays(-1),
        DateTimeOffset.UtcNow.AddDays(30),
        "urn:uuid:5f2b4c1e-8c1a-4f0e-9a43-2f6f0b9d1c11");

    private KeyVaultJwsSigner Signer(string keyName, string? algorithm = null) => new(
        new KeyVaultJwsSignerOptions { KeyVaultKeyId = _vault.KeyId(keyName), Algorithm = algorithm, RequestTimeout = TimeSpan.FromSeconds(5), RetryDelay = TimeSpan.FromMilliseconds(20) },
        _vault.Credential,
        NullLogger<KeyVaultJwsSigner>.Instance);
}
