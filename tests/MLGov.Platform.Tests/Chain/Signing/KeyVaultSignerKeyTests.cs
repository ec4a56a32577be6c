using MLGov.Platform.Chain.Signing;
using MLGov.Testing.KeyVault;

namespace MLGov.Platform.Tests.Chain.Signing;

/// <summary>Reading the key from the vault: the address it gives, and every key the signer must refuse.</summary>
public sealed class KeyVaultSignerKeyTests : IAsyncLifetime
{
    private KeyVaultStandIn _vault = null!;

    public async Task InitializeAsync() => _vault = await KeyVaultStandIn.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    // Published pairs: private key 1 (the generator point) and anvil's first two default accounts.
    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    public async Task The_address_is_derived_from_the_public_key_the_vault_returns(string privateKey, string address)
    {
        _vault.AddSecp256k1Key("operator", privateKey);
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        await signer.InitializeAsync(CancellationToken.None);

        Assert.Equal(address, signer.Address);
    }

    [Fact]
    public async Task An_unversioned_key_id_is_pinned_to_the_version_read_at_start()
    {
        var first = _vault.AddSecp256k1Key("operator", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));
        await signer.InitializeAsync(CancellationToken.None);

        // The key is rotated in the vault: signing must stay with the key whose address the app announced.
        _vault.AddSecp256k1Key("operator", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        await signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None);

        Assert.Equal(first, signer.KeyId);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", signer.Address);
        Assert.Contains(_vault.Requests, r => r.Operation == KeyVaultOperation.Sign && r.Path == first.AbsolutePath + "/sign");
    }

    [Fact]
    public async Task A_key_on_another_curve_is_refused_permanently()
    {
        _vault.AddP256Key("nist");
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("nist"));

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("P-256K", error.Message, StringComparison.Ordinal);
        Assert.Throws<ChainSignerException>(() => signer.Address);
    }

    [Fact]
    public async Task A_disabled_key_or_one_without_the_sign_operation_is_refused_permanently()
    {
        _vault.AddSecp256k1Key("disabled", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", enabled: false);
        _vault.AddSecp256k1Key("verify-only", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", keyOperations: ["verify"]);
        using var disabled = SignerSupport.Signer(_vault, _vault.KeyId("disabled"));
        using var verifyOnly = SignerSupport.Signer(_vault, _vault.KeyId("verify-only"));

        Assert.False((await Assert.ThrowsAsync<ChainSignerException>(() => disabled.InitializeAsync(CancellationToken.None))).IsTransient);
        Assert.False((await Assert.ThrowsAsync<ChainSignerException>(() => verifyOnly.InitializeAsync(CancellationToken.None))).IsTransient);
    }

    [Fact]
    public async Task A_key_with_another_address_than_expected_is_refused()
    {
        _vault.AddSecp256k1Key("operator", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"), o => o.ExpectedAddress = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

        // Before the key is read the configured address stands; the read shows it is wrong.
        Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", signer.Address);
        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());
        Assert.Equal(0, _vault.Count(KeyVaultOperation.Sign));
    }

    [Fact]
    public async Task A_key_id_answer_naming_another_vault_is_refused_and_nothing_is_sent_there()
    {
        _vault.AddSecp256k1Key("operator", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        await using var elsewhere = await KeyVaultStandIn.StartAsync();
        _vault.KidOrigin = elsewhere.VaultUri;
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.False(error.IsTransient);
        Assert.Empty(elsewhere.Requests);
        Assert.Equal(0, _vault.Count(KeyVaultOperation.Sign));
    }

    [Fact]
    public async Task A_missing_key_is_a_permanent_error()
    {
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("absent"));

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("KeyNotFound", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _vault.Requests.Count(r => r.Operation == KeyVaultOperation.GetKey && r.TokenScope is not null));
    }

    [Theory]
    [InlineData("http://vault.example.net/keys/operator")]
    [InlineData("https://vault.example.net/secrets/operator")]
    [InlineData("https://vault.example.net/keys/operator/1234/extra")]
    [InlineData("https://vault.example.net/keys/op_erator")]
    [InlineData("https://vault.example.net/keys/operator?api-version=7.4")]
    [InlineData("https://user@vault.example.net/keys/operator")]
    public void A_malformed_or_clear_text_key_id_is_refused(string keyId)
    {
        var options = new ChainSignerOptions { KeyVaultKeyId = new Uri(keyId) };

        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        Assert.Throws<ArgumentException>(() => new KeyVaultSigner(options, _vault.Credential, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyVaultSigner>.Instance));
    }

    [Theory]
    [InlineData("https://myvault.vault.azure.net/keys/operator")]
    [InlineData("https://myvault.vault.azure.net/keys/operator/78deebed173b48e48f55abf87ed4cf71")]
    [InlineData("http://127.0.0.1:5000/keys/operator")]
    public void A_well_formed_key_id_is_accepted(string keyId)
    {
        var options = new ChainSignerOptions { KeyVaultKeyId = new Uri(keyId) };

        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}
