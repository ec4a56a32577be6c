using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Hosting;
using MLGov.Testing.KeyVault;

namespace MLGov.Platform.Tests.Chain.Signing;

/// <summary>Configuration chooses the signer; a Key Vault key is read when the app starts.</summary>
public sealed class ChainSignerRegistrationTests : IAsyncLifetime
{
    private const string DevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string DevAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private KeyVaultStandIn _vault = null!;

    public async Task InitializeAsync() => _vault = await KeyVaultStandIn.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task A_Key_Vault_key_id_gives_a_Key_Vault_signer_whose_key_is_read_at_start()
    {
        _vault.AddSecp256k1Key("operator", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        using var host = Host(new() { ["Chain:Signer:KeyVaultKeyId"] = _vault.KeyId("operator").ToString() });

        await host.StartAsync();

        var signer = Assert.IsType<KeyVaultSigner>(host.Services.GetRequiredService<IChainSigner>());
        Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", signer.Address);
        Assert.Equal(1, _vault.Requests.Count(r => r.Operation == KeyVaultOperation.GetKey && r.TokenScope is not null));
        await host.StopAsync();
    }

    [Fact]
    public void The_dev_operator_key_gives_a_local_signer()
    {
        using var host = Host(new() { ["Chain:OperatorKey"] = DevKey });

        var signer = Assert.IsType<LocalKeySigner>(host.Services.GetRequiredService<IChainSigner>());

        Assert.Equal(DevAddress, signer.Address);
    }

    [Fact]
    public async Task Without_any_key_the_app_starts_but_has_no_signer()
    {
        using var host = Host([]);

        await host.StartAsync();

        Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IChainSigner>());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_Key_Vault_key_together_with_a_private_key_in_settings_is_refused_at_start()
    {
        _vault.AddSecp256k1Key("operator", DevKey);
        using var host = Host(new() { ["Chain:Signer:KeyVaultKeyId"] = _vault.KeyId("operator").ToString(), ["Chain:OperatorKey"] = DevKey });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
        Assert.Empty(_vault.Requests);
    }

    [Fact]
    public async Task A_clear_text_key_vault_url_is_refused_at_start()
    {
        using var host = Host(new() { ["Chain:Signer:KeyVaultKeyId"] = "http://vault.example.net/keys/operator" });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task A_key_that_cannot_be_used_stops_the_start()
    {
        using var host = Host(new() { ["Chain:Signer:KeyVaultKeyId"] = _vault.KeyId("absent").ToString() });

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => host.StartAsync());

        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_vault_briefly_unavailable_at_start_is_read_in_the_background()
    {
        _vault.AddSecp256k1Key("operator", DevKey);
        _vault.InjectFault(KeyVaultFault.ServiceUnavailable(KeyVaultOperation.GetKey) with { Times = 2 });
        using var host = Host(new() { ["Chain:Signer:KeyVaultKeyId"] = _vault.KeyId("operator").ToString(), ["Chain:Signer:MaxRetries"] = "0" });

        await host.StartAsync();
        var signer = host.Services.GetRequiredService<IChainSigner>();
        Assert.Throws<ChainSignerException>(() => signer.Address);
        var startup = host.Services.GetServices<IHostedService>().OfType<ChainSignerStartup>().Single();
        await startup.Background.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(DevAddress, signer.Address);
        await host.StopAsync();
    }

    [Fact]
    public void The_platform_registration_includes_the_signer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = "http://127.0.0.1:8545",
            ["Chain:ChainId"] = "31337",
            ["Chain:OperatorKey"] = DevKey,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);

        services.AddMLGovPlatform(configuration, "test");
        using var provider = services.BuildServiceProvider();

        Assert.Equal(DevAddress, provider.GetRequiredService<IChainSigner>().Address);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is ChainSignerStartup);
    }

    private IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.SectionName);
        builder.Services.AddKeyedSingleton<TokenCredential>(ChainSignerServiceCollectionExtensions.CredentialServiceKey, _vault.Credential);
        builder.Services.AddChainSigner();
        return builder.Build();
    }
}
