using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.GovernanceFinalizer;
using MLGov.Contracts.GovernanceTimelock;
using MLGov.Contracts.InsurancePool;
using MLGov.Contracts.MerkleDistributor;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Contracts.StakingPool;
using MLGov.Operations.Deployment;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using Nethereum.Contracts;
using Nethereum.Signer;
using Nethereum.Util;
using TimelockCancel = MLGov.Contracts.GovernanceTimelock.CancelFunction;

namespace MLGov.Contracts.Chain.Tests.Deployment;

/// <summary>
/// A deployment that hands the admin to the GovernanceTimelock: no externally owned account is left
/// holding DEFAULT_ADMIN_ROLE, and a parameter changes only through a finalized governance result that
/// schedules the call in the timelock and executes after the delay.
/// </summary>
public sealed class GovernedAdminDeploymentTests : IClassFixture<ContractsFixture>
{
    private const ulong Window = 60;
    private const ulong Delay = 600;
    private static readonly CancellationToken None = CancellationToken.None;

    // keccak256 of the OpenZeppelin AccessControl event signatures (topic 0)
    private static readonly string RoleGrantedTopic = "0x" + Sha3Keccack.Current.CalculateHash("RoleGranted(bytes32,address,address)");
    private static readonly string RoleRevokedTopic = "0x" + Sha3Keccack.Current.CalculateHash("RoleRevoked(bytes32,address,address)");
    private static readonly string AdminRoleTopic = "0x" + new string('0', 64);

    private readonly ContractsFixture _f;

    public GovernedAdminDeploymentTests(ContractsFixture fixture) => _f = fixture;

    private static string NewGuardian() => EthECKey.GenerateKey().GetPublicAddress();

    private Task<DeploymentRecord> DeployGovernedAsync(TestAccount deployer, string guardian, ulong distributionChallengeWindow = 0) =>
        new GovernanceDeployer(deployer.Chain, NullLogger<GovernanceDeployer>.Instance).DeployAsync(
            new GovernanceDeploymentOptions
            {
                AppAccounts = AppAccounts.AllTo(deployer.Address),
                RpcUrl = _f.RpcUrl,
                DeployTestToken = true,
                ChallengeWindow = Window,
                SlashVetoWindow = 0,
                DistributionChallengeWindow = distributionChallengeWindow,
                HandOverAdmin = true,
                Guardian = guardian,
                TimelockDelay = Delay,
            },
            None);

    /// <summary>
    /// Every account that holds DEFAULT_ADMIN_ROLE on <paramref name="contract"/>, replayed from its
    /// RoleGranted and RoleRevoked events since <paramref name="fromBlock"/>.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> AdminHoldersAsync(string contract, ulong fromBlock)
    {
        var logs = (await _f.Anvil.GetLogsAsync(contract, RoleGrantedTopic, fromBlock))
            .Concat(await _f.Anvil.GetLogsAsync(contract, RoleRevokedTopic, fromBlock))
            .Where(log => log.GetProperty("topics")[1].GetString() == AdminRoleTopic)
            .OrderBy(log => Hex(log, "blockNumber")).ThenBy(log => Hex(log, "logIndex"));
        var holders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var log in logs)
        {
            var topics = log.GetProperty("topics");
            var account = "0x" + topics[2].GetString()![^40..];
            if (topics[0].GetString() == RoleGrantedTopic)
            {
                holders.Add(account);
            }
            else
            {
                holders.Remove(account);
            }
        }

        return holders;
    }

    private static ulong Hex(JsonElement log, string name) => ulong.Parse(log.GetProperty(name).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The admin holders of a contract that are externally owned accounts (no code), each cross-checked with hasRole.</summary>
    private async Task<IReadOnlyList<string>> EoaAdminsAsync(string contract, ulong fromBlock)
    {
        var holders = await AdminHoldersAsync(contract, fromBlock);
        Assert.NotEmpty(holders);
        var eoas = new List<string>();
        foreach (var holder in holders)
        {
            Assert.True(await new AccessControlService(_f.Stranger.Chain, contract).HasRoleQueryAsync(ContractRoles.DefaultAdmin, holder, None), $"{holder} on {contract}");
            var code = await _f.Stranger.Chain.GetCodeAsync(holder, None);
            if (string.IsNullOrEmpty(code) || code is "0x" or "0x0")
            {
                eoas.Add(holder);
            }
        }

        return eoas;
    }

    [Fact]
    public async Task After_the_hand_over_no_externally_owned_account_holds_an_admin_role()
    {
        var deployer = await _f.NewAccountAsync("deployer");
        var guardian = NewGuardian();

        var record = await DeployGovernedAsync(deployer, guardian);

        var timelock = record.Contracts[ContractNames.GovernanceTimelock];
        Assert.Equal(guardian, record.Guardian);
        Assert.Equal(Delay, record.TimelockDelay);
        string[] governed = [ContractNames.SoulboundBadge, ContractNames.AssetAnchorRegistry, ContractNames.GovernanceFinalizer, ContractNames.MerkleDistributor, ContractNames.StakingPool, ContractNames.InsurancePool, ContractNames.GovernanceTimelock];
        foreach (var name in governed)
        {
            var contract = record.Contracts[name];
            Assert.Empty(await EoaAdminsAsync(contract, record.StartBlock!.Value));
            Assert.Equal([timelock.ToUpperInvariant()], (await AdminHoldersAsync(contract, record.StartBlock!.Value)).Select(h => h.ToUpperInvariant()));
        }

        // the only contract outside governance is the local TestToken faucet, and the check does see its EOA admin
        Assert.Equal([deployer.Address.ToUpperInvariant()], (await EoaAdminsAsync(record.Contracts[ContractNames.TestToken], record.StartBlock!.Value)).Select(h => h.ToUpperInvariant()));
    }

    [Fact]
    public async Task The_guardian_disputes_distribution_roots_and_the_admin_of_every_contract_is_the_timelock_with_the_hand_over_delay()
    {
        var deployer = await _f.NewAccountAsync("deployer");
        using var guardianAccount = await _f.NewAccountAsync("guardian");
        var record = await DeployGovernedAsync(deployer, guardianAccount.Address, distributionChallengeWindow: 3600);
        var timelock = record.Contracts[ContractNames.GovernanceTimelock];
        var distributor = record.Contracts[ContractNames.MerkleDistributor];
        var token = record.Contracts[ContractNames.Token];

        Assert.True(await new AccessControlService(_f.Stranger.Chain, distributor).HasRoleQueryAsync(ContractRoles.Challenger, guardianAccount.Address, None));
        Assert.False(await new AccessControlService(_f.Stranger.Chain, distributor).HasRoleQueryAsync(ContractRoles.Challenger, deployer.Address, None));
        Assert.Equal(GovernanceDeploymentOptions.DefaultAdminTransferDelay, record.AdminTransferDelay);
        foreach (var name in new[] { ContractNames.SoulboundBadge, ContractNames.AssetAnchorRegistry, ContractNames.GovernanceFinalizer, ContractNames.MerkleDistributor, ContractNames.StakingPool, ContractNames.InsurancePool })
        {
            var contract = record.Contracts[name];
            Assert.Equal(timelock, await _f.Stranger.Chain.QueryValueAsync<DefaultAdminFunction, string>(contract, new DefaultAdminFunction(), None), ignoreCase: true);
            Assert.Equal(new BigInteger(GovernanceDeploymentOptions.DefaultAdminTransferDelay), await _f.Stranger.Chain.QueryValueAsync<DefaultAdminDelayFunction, BigInteger>(contract, new DefaultAdminDelayFunction(), None));
            var pending = await _f.Stranger.Chain.QueryAsync<PendingDefaultAdminFunction, PendingDefaultAdminOutput>(contract, new PendingDefaultAdminFunction(), None);
            Assert.Equal(Ids.ZeroAddress, pending.NewAdmin, ignoreCase: true);
            // neither the old operator nor the guardian can start a hand-over
            foreach (var account in new[] { deployer, guardianAccount })
            {
                var refused = await Revert.With<AccessControlUnauthorizedAccountError>(() => account.Chain.SendAsync(contract, new BeginDefaultAdminTransferFunction { NewAdmin = account.Address }, None));
                Assert.Equal(account.Address, refused.Account, ignoreCase: true);
            }
        }

        // the guardian's challenger role works: a pending root posted by Finance is discarded
        await new MLGov.Operations.Contracts.TestTokenService(deployer.Chain, token).MintRequestAndWaitForReceiptAsync(deployer.Address, 1_000, None);
        await new Erc20Service(deployer.Chain, token).ApproveRequestAndWaitForReceiptAsync(distributor, 1_000, None);
        var finance = new MerkleDistributorService(deployer.Chain, distributor);
        await finance.PostRootRequestAndWaitForReceiptAsync(token, Ids.New(), 1_000, None);
        var disputed = (await new MerkleDistributorService(guardianAccount.Chain, distributor).DisputeRootRequestAndWaitForReceiptAsync(token, "entitlements do not match the published report", None)).SingleEvent<RootDisputedEvent>(distributor);
        Assert.Equal(guardianAccount.Address, disputed.Challenger, ignoreCase: true);
    }

    [Fact]
    public async Task The_check_finds_the_operator_of_a_deployment_without_the_hand_over()
    {
        var eoas = await EoaAdminsAsync(_f.Contracts.StakingPool, _f.Record.StartBlock!.Value);

        Assert.Equal([_f.Operator.Address.ToUpperInvariant()], eoas.Select(h => h.ToUpperInvariant()));
    }

    [Fact]
    public async Task The_guardian_can_pause_but_neither_it_nor_the_old_operator_can_administer_or_schedule()
    {
        var deployer = await _f.NewAccountAsync("deployer");
        using var guardianAccount = await _f.NewAccountAsync("guardian");
        var record = await DeployGovernedAsync(deployer, guardianAccount.Address);
        var staking = record.Contracts[ContractNames.StakingPool];
        var timelock = record.Contracts[ContractNames.GovernanceTimelock];

        foreach (var account in new[] { deployer, guardianAccount })
        {
            var refused = await Revert.With<AccessControlUnauthorizedAccountError>(() => new StakingPoolService(account.Chain, staking).SetInsurancePoolRequestAndWaitForReceiptAsync(account.Address, None));
            Assert.Equal(account.Address, refused.Account, ignoreCase: true);
            await Revert.With<AccessControlUnauthorizedAccountError>(() => new AccessControlService(account.Chain, staking).GrantRoleRequestAndWaitForReceiptAsync(ContractRoles.Slasher, account.Address, None));
            await Revert.With<AccessControlUnauthorizedAccountError>(() => account.Chain.SendAsync(timelock, Schedule(staking, [0x12], Ids.New()), None));
        }

        await Revert.With<AccessControlUnauthorizedAccountError>(() => new GuardianPausableService(deployer.Chain, staking).PauseRequestAndWaitForReceiptAsync(None));
        await new GuardianPausableService(guardianAccount.Chain, staking).PauseRequestAndWaitForReceiptAsync(None);
        Assert.True(await new GuardianPausableService(_f.Stranger.Chain, staking).PausedQueryAsync(None));
    }

    [Fact]
    public async Task A_finalized_result_schedules_a_parameter_change_that_executes_only_after_the_timelock_delay()
    {
        var deployer = await _f.NewAccountAsync("deployer");
        using var guardianAccount = await _f.NewAccountAsync("guardian");
        var record = await DeployGovernedAsync(deployer, guardianAccount.Address);
        var staking = record.Contracts[ContractNames.StakingPool];
        var timelock = record.Contracts[ContractNames.GovernanceTimelock];
        var finalizer = new GovernanceFinalizerService(deployer.Chain, record.Contracts[ContractNames.GovernanceFinalizer]);
        var oldPool = record.Contracts[ContractNames.InsurancePool];
        var newPool = new ContractReceipt(await deployer.Chain.DeployAsync(new InsurancePoolDeployment { Asset = record.Contracts[ContractNames.Token], ClaimGracePeriod = 1, Admin = deployer.Address }, None)).ContractAddress!;

        // the proposal's recorded call: timelock.schedule(staking.setInsurancePool(newPool)), salted with the proposal id
        var proposal = Ids.New();
        var change = new SetInsurancePoolFunction { Pool = newPool }.GetCallData();
        var schedule = Schedule(staking, change, proposal);
        await finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), timelock, schedule.GetCallData(), None);
        await _f.Anvil.AdvanceTimeAsync(Window + 1);

        var finalized = await new GovernanceFinalizerService(_f.Stranger.Chain, finalizer.ContractAddress).FinalizeRequestAndWaitForReceiptAsync(proposal, None);
        var scheduled = finalized.SingleEvent<CallScheduledEvent>(timelock);
        Assert.Equal(staking, scheduled.Target, ignoreCase: true);
        Assert.Equal(change, scheduled.Data);
        Assert.Equal(new BigInteger(Delay), scheduled.Delay);
        var execute = new ExecuteFunction { Target = staking, Value = 0, Payload = change, Predecessor = new byte[32], Salt = proposal };

        // before the delay nobody can execute it, and the pool is unchanged
        var early = await Revert.With<TimelockUnexpectedOperationStateError>(() => _f.Stranger.Chain.SendAsync(timelock, execute, None));
        Assert.Equal(scheduled.Id, early.OperationId);
        Assert.Equal(oldPool, await new StakingPoolService(_f.Stranger.Chain, staking).InsurancePoolQueryAsync(None), ignoreCase: true);

        await _f.Anvil.AdvanceTimeAsync(Delay);
        var executed = new ContractReceipt(await _f.Stranger.Chain.SendAsync(timelock, execute, None));

        Assert.Single(executed.Events<CallExecutedEvent>(timelock));
        Assert.Equal(newPool, executed.SingleEvent<InsurancePoolSetEvent>(staking).NewPool, ignoreCase: true);
        Assert.Equal(newPool, await new StakingPoolService(_f.Stranger.Chain, staking).InsurancePoolQueryAsync(None), ignoreCase: true);
        await Revert.With<TimelockUnexpectedOperationStateError>(() => _f.Stranger.Chain.SendAsync(timelock, execute, None));
    }

    [Fact]
    public async Task The_guardian_cancels_a_scheduled_call_which_then_never_executes()
    {
        var deployer = await _f.NewAccountAsync("deployer");
        using var guardianAccount = await _f.NewAccountAsync("guardian");
        var record = await DeployGovernedAsync(deployer, guardianAccount.Address);
        var staking = record.Contracts[ContractNames.StakingPool];
        var timelock = record.Contracts[ContractNames.GovernanceTimelock];
        var finalizer = new GovernanceFinalizerService(deployer.Chain, record.Contracts[ContractNames.GovernanceFinalizer]);
        var proposal = Ids.New();
        var change = new SetInsurancePoolFunction { Pool = record.Contracts[ContractNames.InsurancePool] }.GetCallData();
        await finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), timelock, Schedule(staking, change, proposal).GetCallData(), None);
        await _f.Anvil.AdvanceTimeAsync(Window + 1);
        var id = (await finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None)).SingleEvent<CallScheduledEvent>(timelock).Id;

        await Revert.With<AccessControlUnauthorizedAccountError>(() => deployer.Chain.SendAsync(timelock, new TimelockCancel { Id = id }, None));
        var cancelled = new ContractReceipt(await guardianAccount.Chain.SendAsync(timelock, new TimelockCancel { Id = id }, None));
        Assert.Equal(id, cancelled.SingleEvent<CancelledEvent>(timelock).Id);

        await _f.Anvil.AdvanceTimeAsync(Delay + 1);
        await Revert.With<TimelockUnexpectedOperationStateError>(() => _f.Stranger.Chain.SendAsync(timelock, new ExecuteFunction { Target = staking, Payload = change, Predecessor = new byte[32], Salt = proposal }, None));
    }

    [Fact]
    public async Task A_hand_over_without_a_valid_guardian_is_refused_before_anything_is_deployed()
    {
        var deployer = await _f.NewAccountAsync("deployer");
        var block = await deployer.Chain.GetBlockNumberAsync(None);

        foreach (var guardian in new[] { null, "", "0x1234", "0x0000000000000000000000000000000000000000" })
        {
            await Assert.ThrowsAsync<DeploymentException>(() => DeployGovernedAsync(deployer, guardian!));
        }

        Assert.Equal(block, await deployer.Chain.GetBlockNumberAsync(None));
    }

    private static ScheduleFunction Schedule(string target, byte[] data, byte[] salt) =>
        new() { Target = target, Value = 0, Data = data, Predecessor = new byte[32], Salt = salt, Delay = Delay };
}
