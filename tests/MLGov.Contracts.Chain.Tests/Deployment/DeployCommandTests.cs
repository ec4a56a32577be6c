using System.Diagnostics;
using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.GovernanceFinalizer;
using MLGov.Contracts.MerkleDistributor;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Operations.Deployment;
using MLGov.Platform.Chain.Contracts;
using Nethereum.Signer;

namespace MLGov.Contracts.Chain.Tests.Deployment;

/// <summary>
/// <c>mlgov contracts deploy</c> run as a process (the built mlgov.dll) against anvil: every deployer option
/// has a flag whose value reaches the chain, and bad values end with one line on stderr and exit code 2
/// (the parser's own refusals: exit 1 with the usage), never a stack trace, before anything is sent.
/// </summary>
public sealed class DeployCommandTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public DeployCommandTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task Every_flag_reaches_the_deployed_contracts_and_the_record()
    {
        using var deployer = await _f.NewAccountAsync("deployer");
        var guardian = EthECKey.GenerateKey().GetPublicAddress();
        var dir = Directory.CreateTempSubdirectory("mlgov-deploy-cli-");
        var keyFile = Path.Combine(dir.FullName, "operator.key");
        await File.WriteAllTextAsync(keyFile, deployer.Key);
        var recordPath = Path.Combine(dir.FullName, "record.json");

        var (code, stdout, stderr) = await RunAsync(
            [.. Base(keyFile, guardian), "--test-token", "--challenge-window", "120", "--unbonding-delay", "240", "--timelock-delay", "60",
             "--admin-transfer-delay", "3600", "--finalization-period", "7200", "--proposal-bond", "1000", "--dispute-bond", "400",
             "--slash-veto-window", "900", "--claim-grace-period", "1800", "--distribution-challenge-window", "300",
             "--distribution-claim-period", "86400", "--out", recordPath]);

        Assert.True(code == 0, stderr);
        Assert.Equal(recordPath, stdout.Trim());
        var record = await DeploymentRecord.ReadAsync(recordPath, None);
        Assert.Equal(3600UL, record.AdminTransferDelay);
        Assert.Equal(60UL, record.TimelockDelay);
        var chain = _f.Stranger.Chain;
        var finalizer = new GovernanceFinalizerService(chain, record.Contracts[ContractNames.GovernanceFinalizer]);
        Assert.Equal(120UL, await finalizer.ChallengeWindowQueryAsync(None));
        Assert.Equal(new BigInteger(7200), await chain.QueryValueAsync<FinalizationPeriodFunction, BigInteger>(finalizer.ContractAddress, new FinalizationPeriodFunction(), None));
        Assert.Equal(new BigInteger(1000), await chain.QueryValueAsync<ProposalBondFunction, BigInteger>(finalizer.ContractAddress, new ProposalBondFunction(), None));
        Assert.Equal(new BigInteger(400), await chain.QueryValueAsync<DisputeBondFunction, BigInteger>(finalizer.ContractAddress, new DisputeBondFunction(), None));
        var staking = new StakingPoolService(chain, record.Contracts[ContractNames.StakingPool]);
        Assert.Equal(240UL, await staking.UnbondingDelayQueryAsync(None));
        Assert.Equal(900UL, await staking.SlashVetoWindowQueryAsync(None));
        Assert.Equal(1800UL, await new InsurancePoolService(chain, record.Contracts[ContractNames.InsurancePool]).ClaimGracePeriodQueryAsync(None));
        var distributor = new MerkleDistributorService(chain, record.Contracts[ContractNames.MerkleDistributor]);
        Assert.Equal(300UL, await distributor.ChallengeWindowQueryAsync(None));
        Assert.Equal(new BigInteger(86400), await chain.QueryValueAsync<ClaimPeriodFunction, BigInteger>(distributor.ContractAddress, new ClaimPeriodFunction(), None));
        foreach (var name in new[] { ContractNames.StakingPool, ContractNames.GovernanceFinalizer, ContractNames.AssetAnchorRegistry })
        {
            Assert.Equal(new BigInteger(3600), await chain.QueryValueAsync<DefaultAdminDelayFunction, BigInteger>(record.Contracts[name], new DefaultAdminDelayFunction(), None));
            Assert.Equal(record.Contracts[ContractNames.GovernanceTimelock], await chain.QueryValueAsync<DefaultAdminFunction, string>(record.Contracts[name], new DefaultAdminFunction(), None), ignoreCase: true);
        }
    }

    [Theory]
    [InlineData("--proposal-bond", "-1", "--proposal-bond must be a whole number")]
    [InlineData("--proposal-bond", "1e6", "--proposal-bond must be a whole number")]
    [InlineData("--dispute-bond", "ten", "--dispute-bond must be a whole number")]
    [InlineData("--dispute-bond", "115792089237316195423570985008687907853269984665640564039457584007913129639936", "--dispute-bond must be a whole number")]
    [InlineData("--admin-transfer-delay", "281474976710656", "--admin-transfer-delay must be at most 281474976710655")]
    [InlineData("--finalization-period", "0", "--finalization-period must be positive")]
    [InlineData("--distribution-claim-period", "0", "--distribution-claim-period must be positive")]
    [InlineData("--slash-veto-window", "86400", "--slash-veto-window (86400 s) must be longer than --timelock-delay (86400 s)")]
    public async Task A_bad_value_is_refused_with_exit_code_2_and_one_line_before_anything_is_sent(string flag, string value, string message)
    {
        using var deployer = await _f.NewAccountAsync("deployer");
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("mlgov-deploy-cli-").FullName, "operator.key");
        await File.WriteAllTextAsync(keyFile, deployer.Key);
        var block = await deployer.Chain.GetBlockNumberAsync(None);

        var (code, stdout, stderr) = await RunAsync([.. Base(keyFile, EthECKey.GenerateKey().GetPublicAddress()), "--test-token", flag, value]);

        Assert.Equal(2, code);
        Assert.Empty(stdout.Trim());
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("mlgov contracts deploy: " + message, line, StringComparison.Ordinal);
        Assert.Equal(block, await deployer.Chain.GetBlockNumberAsync(None));
    }

    [Theory]
    [InlineData("--timelock-delay", "-5")]
    [InlineData("--claim-grace-period", "soon")]
    [InlineData("--distribution-challenge-window", "18446744073709551616")]
    public async Task A_value_the_parser_cannot_read_is_refused_with_the_usage_and_no_stack_trace(string flag, string value)
    {
        var (code, stdout, stderr) = await RunAsync([.. Base("/nonexistent/operator.key", EthECKey.GenerateKey().GetPublicAddress()), "--test-token", flag, value]);

        Assert.Equal(1, code);
        Assert.Contains(flag, stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    private string[] Base(string keyFile, string guardian) =>
    [
        "contracts", "deploy", "--rpc-url", _f.RpcUrl.ToString(), "--chain-id", _f.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--operator-key-file", keyFile, "--guardian", guardian,
        .. AppAccounts.Apps.SelectMany(app => new[] { "--app-account", $"{app}={_f.Operator.Address}" }),
    ];

    /// <summary>Runs the built mlgov.dll (tools/MLGov.Cli, same configuration as this test) from the repository root.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IReadOnlyList<string> arguments)
    {
        var (repo, cli) = LocateCli();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static (string Repo, string Cli) LocateCli()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repo = testOutput;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "MLGovFunctions.sln")))
        {
            repo = repo.Parent;
        }

        Assert.NotNull(repo);
        var cli = Path.Combine(repo.FullName, "tools", "MLGov.Cli", "bin", configuration, framework, "mlgov.dll");
        Assert.True(File.Exists(cli), $"{cli} is not built");
        return (repo.FullName, cli);
    }
}
