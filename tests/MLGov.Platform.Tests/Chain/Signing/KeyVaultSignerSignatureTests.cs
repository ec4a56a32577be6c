using MLGov.Platform.Chain.Signing;
using MLGov.Testing;
using MLGov.Testing.KeyVault;

namespace MLGov.Platform.Tests.Chain.Signing;

/// <summary>
/// Signatures made in the vault, normalised to low-s with the recovery id found by recovery, checked by
/// anvil's ecrecover precompile (an implementation independent of the signer).
/// </summary>
public sealed class KeyVaultSignerSignatureTests : IClassFixture<DependenciesFixture>, IAsyncLifetime
{
    private const string Key = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private readonly DependenciesFixture _fixture;
    private KeyVaultStandIn _vault = null!;

    public KeyVaultSignerSignatureTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    public async Task InitializeAsync()
    {
        _vault = await KeyVaultStandIn.StartAsync();
        _vault.AddSecp256k1Key("operator", Key);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Theory]
    [InlineData(SignatureShape.HighS)]
    [InlineData(SignatureShape.LowS)]
    [InlineData(SignatureShape.AsSigned)]
    public async Task Every_signature_is_low_s_and_ecrecover_gives_the_address(SignatureShape shape)
    {
        _vault.Shape = shape;
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        for (var i = 0; i < 6; i++)
        {
            var digest = SignerSupport.RandomDigest();
            var signature = await signer.SignDigestAsync(digest, CancellationToken.None);

            Assert.True(SignerSupport.Unsigned(signature.S) <= SignerSupport.Order / 2, "s is in the lower half of the order");
            Assert.Equal(Address, await SignerSupport.EcRecoverAsync(_fixture.Dependencies.Anvil.RpcUrl, digest, signature.RecoveryId, signature.R, signature.S), ignoreCase: true);
            Assert.NotEqual(Address, await SignerSupport.EcRecoverAsync(_fixture.Dependencies.Anvil.RpcUrl, digest, (byte)(1 - signature.RecoveryId), signature.R, signature.S), StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_high_s_from_the_vault_becomes_n_minus_s_with_the_same_r()
    {
        _vault.Shape = SignatureShape.HighS;
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        var signature = await signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None);

        var raw = Assert.Single(_vault.Signatures);
        Assert.True(SignerSupport.Unsigned(raw.S) > SignerSupport.Order / 2);
        Assert.Equal(raw.R, signature.R);
        Assert.Equal(SignerSupport.Order - SignerSupport.Unsigned(raw.S), SignerSupport.Unsigned(signature.S));
    }

    [Fact]
    public async Task Both_recovery_ids_occur_and_each_is_the_one_that_recovers()
    {
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));
        var seen = new HashSet<byte>();

        // Each parity has probability 1/2 per signature: 64 tries miss one with probability 2^-63.
        for (var i = 0; i < 64 && seen.Count < 2; i++)
        {
            var digest = SignerSupport.RandomDigest();
            var signature = await signer.SignDigestAsync(digest, CancellationToken.None);
            Assert.Equal(Address, await SignerSupport.EcRecoverAsync(_fixture.Dependencies.Anvil.RpcUrl, digest, signature.RecoveryId, signature.R, signature.S), ignoreCase: true);
            seen.Add(signature.RecoveryId);
        }

        Assert.Equal(new byte[] { 0, 1 }, seen.Order().ToArray());
    }

    [Fact]
    public async Task A_signature_by_another_key_is_refused_permanently()
    {
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));
        await signer.InitializeAsync(CancellationToken.None);
        _vault.ImpostorKeyHex = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("does not recover", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_that_is_not_32_bytes_is_refused_before_any_request()
    {
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        await Assert.ThrowsAsync<ArgumentException>(() => signer.SignDigestAsync(new byte[31], CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => signer.SignDigestAsync(new byte[33], CancellationToken.None).AsTask());

        Assert.Empty(_vault.Requests);
    }

    [Fact]
    public async Task The_vault_receives_the_digest_with_ES256K_and_the_api_version()
    {
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));
        var digest = SignerSupport.RandomDigest();

        await signer.SignDigestAsync(digest, CancellationToken.None);

        Assert.Equal(digest, Assert.Single(_vault.Signatures).Digest);
        Assert.All(_vault.Requests, r => Assert.Equal("?api-version=7.4", r.Query));
    }
}
