using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Operations.Deployment;
using MLGov.Testing;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>
/// One deployment of the whole contract set per test class, made by <see cref="GovernanceDeployer"/>
/// on the shared anvil of <see cref="DependenciesFixture"/>, with fresh funded accounts: the operator
/// (admin, every app role), three users and a stranger with no role. Tests isolate themselves with
/// random ids.
/// </summary>
public sealed class ContractsFixture : IAsyncLifetime
{
    public const ulong ChallengeWindow = 3600;
    public const ulong UnbondingDelay = 7200;

    /// <summary>GovernanceFinalizer bonds, in token minor units, and its finalization period.</summary>
    public const ulong ProposalBond = 100;

    public const ulong DisputeBond = 40;

    public const ulong FinalizationPeriod = 86_400;

    /// <summary>InsurancePool claim grace period after expiry.</summary>
    public const ulong ClaimGracePeriod = 600;

    /// <summary>Tokens minted to each account at the start (in minor units).</summary>
    public static readonly BigInteger InitialTokens = BigInteger.Pow(10, 15);

    private readonly DependenciesFixture _dependencies = new();
    private DeployedContracts? _contracts;

    public TestAccount Operator { get; private set; } = null!;

    public TestAccount Alice { get; private set; } = null!;

    public TestAccount Bob { get; private set; } = null!;

    public TestAccount Carol { get; private set; } = null!;

    public TestAccount Stranger { get; private set; } = null!;

    public DeployedContracts Contracts => _contracts ?? throw new InvalidOperationException("Not deployed yet.");

    public DeploymentRecord Record { get; private set; } = null!;

    public AnvilRpc Anvil { get; private set; } = null!;

    public Uri RpcUrl => _dependencies.Dependencies.Anvil.RpcUrl;

    public long ChainId => _dependencies.Dependencies.Anvil.ChainId;

    public async Task InitializeAsync()
    {
        await _dependencies.InitializeAsync();
        Anvil = new AnvilRpc(RpcUrl);
        Operator = await NewAccountAsync("operator");
        Alice = await NewAccountAsync("alice");
        Bob = await NewAccountAsync("bob");
        Carol = await NewAccountAsync("carol");
        Stranger = await NewAccountAsync("stranger");

        Record = await new GovernanceDeployer(Operator.Chain, NullLogger<GovernanceDeployer>.Instance).DeployAsync(
            new GovernanceDeploymentOptions { AppAccounts = AppAccounts.AllTo(Operator.Address), RpcUrl = RpcUrl, DeployTestToken = true, ChallengeWindow = ChallengeWindow, UnbondingDelay = UnbondingDelay, SlashVetoWindow = 0, ClaimGracePeriod = ClaimGracePeriod, DistributionChallengeWindow = 0, ProposalBond = ProposalBond, DisputeBond = DisputeBond, FinalizationPeriod = FinalizationPeriod },
            CancellationToken.None);
        _contracts = DeployedContracts.From(Record);
        foreach (var account in new[] { Operator, Alice, Bob, Carol, Stranger })
        {
            await Operator.TestToken.MintRequestAndWaitForReceiptAsync(account.Address, InitialTokens, CancellationToken.None);
            await account.Token.ApproveRequestAndWaitForReceiptAsync(Record.Contracts[ContractNames.GovernanceFinalizer], InitialTokens, CancellationToken.None); // bonds
        }
    }

    /// <summary>A new account with 1,000 ETH for gas.</summary>
    public async Task<TestAccount> NewAccountAsync(string name)
    {
        var account = new TestAccount(name, RpcUrl, ChainId, () => Contracts);
        await Anvil.SetBalanceAsync(account.Address, BigInteger.Pow(10, 21));
        return account;
    }

    public Task DisposeAsync()
    {
        foreach (var account in new[] { Operator, Alice, Bob, Carol, Stranger })
        {
            account?.Dispose();
        }

        Anvil?.Dispose();
        return Task.CompletedTask;
    }
}
