using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Operations.Deployment;

namespace MLGov.Contracts.Chain.Tests.Deployment;

public sealed class GovernanceDeployerTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public GovernanceDeployerTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task The_record_lists_every_contract_with_code_and_the_settings()
    {
        var record = _f.Record;

        Assert.Equal(_f.ChainId, record.ChainId);
        Assert.Equal(_f.RpcUrl, record.RpcUrl);
        Assert.Equal(_f.Operator.Address, record.Operator, ignoreCase: true);
        Assert.Equal(ContractsFixture.ChallengeWindow, record.ChallengeWindow);
        Assert.Equal(ContractsFixture.UnbondingDelay, record.UnbondingDelay);
        Assert.True(record.StartBlock < await _f.Operator.Chain.GetBlockNumberAsync(None));
        Assert.Equal(
            [ContractNames.AssetAnchorRegistry, ContractNames.GovernanceFinalizer, ContractNames.InsurancePool, ContractNames.MerkleDistributor, ContractNames.SoulboundBadge, ContractNames.StakingPool, ContractNames.TestToken, ContractNames.Token],
            record.Contracts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(record.Contracts[ContractNames.Token], record.Contracts[ContractNames.TestToken]);
        Assert.Equal(7, record.Contracts.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var address in record.Contracts.Values)
        {
            Assert.True((await _f.Stranger.Chain.GetCodeAsync(address, None)).Length > 2, address);
        }
    }

    [Fact]
    public async Task The_app_accounts_hold_the_app_roles_and_the_staking_pool_deposits_slashes()
    {
        var c = _f.Contracts;
        (string Contract, byte[] Role, string Holder)[] expected =
        [
            (c.SoulboundBadge, ContractRoles.Issuer, _f.Operator.Address),
            (c.SoulboundBadge, ContractRoles.Revoker, _f.Operator.Address),
            (c.AssetAnchorRegistry, ContractRoles.Registrar, _f.Operator.Address),
            (c.GovernanceFinalizer, ContractRoles.Finalizer, _f.Operator.Address),
            (c.MerkleDistributor, ContractRoles.Distributor, _f.Operator.Address),
            (c.StakingPool, ContractRoles.Slasher, _f.Operator.Address),
            (c.InsurancePool, ContractRoles.Underwriter, _f.Operator.Address),
            (c.InsurancePool, ContractRoles.Payer, _f.Operator.Address),
            (c.InsurancePool, ContractRoles.SlashDepositor, c.StakingPool),
        ];
        foreach (var (contract, role, holder) in expected)
        {
            var service = new AccessControlService(_f.Stranger.Chain, contract);
            Assert.True(await service.HasRoleQueryAsync(role, holder, None));
            Assert.True(await service.HasRoleQueryAsync(ContractRoles.DefaultAdmin, _f.Operator.Address, None));
            Assert.False(await service.HasRoleQueryAsync(role, _f.Stranger.Address, None));
        }

        Assert.False(await _f.Stranger.Insurance.HasRoleQueryAsync(ContractRoles.SlashDepositor, _f.Operator.Address, None));
        Assert.Equal(c.InsurancePool, await _f.Stranger.Staking.InsurancePoolQueryAsync(None), ignoreCase: true);
    }

    [Fact]
    public async Task An_existing_token_is_used_as_given_and_no_TestToken_is_deployed()
    {
        var deployer = await _f.NewAccountAsync("deployer");

        var record = await Deployer(deployer.Chain).DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, Token = _f.Contracts.Token, ChallengeWindow = 0, UnbondingDelay = 1 }, None);

        Assert.Equal(_f.Contracts.Token, record.Contracts[ContractNames.Token]);
        Assert.False(record.Contracts.ContainsKey(ContractNames.TestToken));
        Assert.Equal(_f.Contracts.Token, await new InsurancePoolService(deployer.Chain, record.Contracts[ContractNames.InsurancePool]).AssetQueryAsync(None), ignoreCase: true);
        Assert.Equal(0UL, await new GovernanceFinalizerService(deployer.Chain, record.Contracts[ContractNames.GovernanceFinalizer]).ChallengeWindowQueryAsync(None));
        Assert.Equal(deployer.Address, record.Operator, ignoreCase: true);
    }

    [Fact]
    public async Task A_token_that_is_missing_malformed_without_code_or_doubled_or_an_admin_delay_beyond_uint48_is_refused_before_anything_is_deployed()
    {
        var deployer = Deployer(_f.Operator.Chain);
        var block = await _f.Operator.Chain.GetBlockNumberAsync(None);

        var none = await Assert.ThrowsAsync<DeploymentException>(() => deployer.DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl }, None));
        Assert.Contains("No token", none.Message, StringComparison.Ordinal);
        Assert.Contains("not an address", (await Assert.ThrowsAsync<DeploymentException>(() => deployer.DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, Token = "0x1234" }, None))).Message, StringComparison.Ordinal);
        Assert.Contains("no contract", (await Assert.ThrowsAsync<DeploymentException>(() => deployer.DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, Token = _f.Carol.Address }, None))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeploymentException>(() => deployer.DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, Token = _f.Contracts.Token, DeployTestToken = true }, None));
        Assert.Contains("uint48", (await Assert.ThrowsAsync<DeploymentException>(() => deployer.DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, DeployTestToken = true, AdminTransferDelay = 1UL << 48 }, None))).Message, StringComparison.Ordinal);
        Assert.Equal(block, await _f.Operator.Chain.GetBlockNumberAsync(None));
    }

    [Fact]
    public async Task A_wrong_chain_id_an_unfunded_operator_or_a_read_only_client_is_refused()
    {
        using var wrongChain = Client(_f.Operator.Key, chainId: 1);
        var mismatch = await Assert.ThrowsAsync<DeploymentException>(() => Deployer(wrongChain).DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, DeployTestToken = true }, None));
        Assert.Equal($"The node serves chain id {_f.ChainId}, not the expected 1.", mismatch.Message);

        using var unfunded = Client(Nethereum.Signer.EthECKey.GenerateKey().GetPrivateKey(), _f.ChainId);
        Assert.Contains("no native currency", (await Assert.ThrowsAsync<DeploymentException>(() => Deployer(unfunded).DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, DeployTestToken = true }, None))).Message, StringComparison.Ordinal);

        using var readOnly = Client(null, _f.ChainId);
        await Assert.ThrowsAsync<DeploymentException>(() => Deployer(readOnly).DeployAsync(new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(_f.Operator.Address), RpcUrl = _f.RpcUrl, DeployTestToken = true }, None));
    }

    [Fact]
    public async Task The_record_round_trips_through_its_JSON_file_and_becomes_Contracts_settings()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlgov-record-" + Guid.NewGuid().ToString("N"), "deployment.json");
        try
        {
            await _f.Record.WriteAsync(path, None);

            using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(path)))
            {
                var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.Equal(["chainId", "rpcUrl", "operator", "contracts", "deployedAt", "challengeWindow", "unbondingDelay", "appAccounts", "adminTransferDelay", "startBlock"], names);
            }

            var read = await DeploymentRecord.ReadAsync(path, None);
            Assert.Equal((_f.Record.ChainId, _f.Record.RpcUrl, _f.Record.Operator, _f.Record.DeployedAt), (read.ChainId, read.RpcUrl, read.Operator, read.DeployedAt));
            Assert.Equal(_f.Record.Contracts.OrderBy(c => c.Key), read.Contracts.OrderBy(c => c.Key));
            Assert.Equal((_f.Record.ChallengeWindow, _f.Record.UnbondingDelay, _f.Record.StartBlock), (read.ChallengeWindow, read.UnbondingDelay, read.StartBlock));
            Assert.Equal(_f.Record.AppAccounts!.OrderBy(a => a.Key), read.AppAccounts!.OrderBy(a => a.Key));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }

        var settings = _f.Record.ToConfiguration().ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal(_f.Contracts.GovernanceFinalizer, settings["Contracts:GovernanceFinalizer"]);
        Assert.Equal(8, settings.Count);
    }

    [Fact]
    public async Task The_services_registered_from_Contracts_settings_reach_the_deployed_contracts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_f.Record.ToConfiguration()).Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(_f.Stranger.Chain)
            .AddContractServices()
            .BuildServiceProvider();

        Assert.Equal(ContractsFixture.ChallengeWindow, await provider.GetRequiredService<IGovernanceFinalizerService>().ChallengeWindowQueryAsync(None));
        Assert.Equal(ContractRoles.Issuer, await provider.GetRequiredService<ISoulboundBadgeService>().IssuerRoleQueryAsync(None));
        Assert.Equal(ContractRoles.Registrar, await provider.GetRequiredService<IAssetAnchorRegistryService>().RegistrarRoleQueryAsync(None));
        Assert.Equal(ContractRoles.Distributor, await provider.GetRequiredService<IMerkleDistributorService>().DistributorRoleQueryAsync(None));
        Assert.Equal(ContractsFixture.UnbondingDelay, await provider.GetRequiredService<IStakingPoolService>().UnbondingDelayQueryAsync(None));
        Assert.Equal(_f.Contracts.Token, await provider.GetRequiredService<IInsurancePoolService>().AssetQueryAsync(None), ignoreCase: true);
        Assert.Equal("MLGT", await provider.GetRequiredService<IErc20Service>().SymbolQueryAsync(None));

        using var empty = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(_f.Stranger.Chain)
            .AddContractServices()
            .BuildServiceProvider();
        var missing = Assert.Throws<InvalidOperationException>(() => empty.GetRequiredService<IStakingPoolService>());
        Assert.Contains("Contracts:StakingPool", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")]
    [InlineData("  0xAC0974BEC39A17E36BA4A6B4D238FF944BACB478CBED5EFCAE784D7BF4F2FF80  ", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("", null)]
    [InlineData("garbage", null)]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8", null)]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff800", null)]
    [InlineData("zc0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", null)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", null)]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", null)]
    public void An_operator_key_is_64_hex_digits_of_a_valid_secp256k1_scalar(string text, string? expected)
    {
        Assert.Equal(expected, OperatorKeyFile.Parse(text));
    }

    [Fact]
    public void A_missing_or_malformed_key_file_is_one_clear_error_that_does_not_echo_the_content()
    {
        var missing = Assert.Throws<DeploymentException>(() => OperatorKeyFile.Read("/nonexistent/operator.key"));
        Assert.Equal("Operator key file /nonexistent/operator.key does not exist.", missing.Message);

        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not-a-key-SECRET");
            var malformed = Assert.Throws<DeploymentException>(() => OperatorKeyFile.Read(path));
            Assert.DoesNotContain("SECRET", malformed.Message, StringComparison.Ordinal);
            Assert.Contains("64 hex digits", malformed.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private ChainClient Client(string? key, long chainId) => new(
        Options.Create(new ChainOptions { RpcUrl = _f.RpcUrl, ChainId = chainId, OperatorKey = key }),
        NullLogger<ChainClient>.Instance);

    private static GovernanceDeployer Deployer(IChainClient chain) => new(chain, NullLogger<GovernanceDeployer>.Instance);
}
