using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Contracts.StakingPool;
using MLGov.Platform.Chain.Contracts;
using Erc20 = MLGov.Contracts.TestToken;
using Insurance = MLGov.Contracts.InsurancePool;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class StakingPoolTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public StakingPoolTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task The_deployed_pool_reads_back_its_token_delay_insurance_pool_and_role()
    {
        var staking = _f.Stranger.Staking;

        Assert.Equal(_f.Contracts.Token, await staking.StakingTokenQueryAsync(None), ignoreCase: true);
        Assert.Equal(ContractsFixture.UnbondingDelay, await staking.UnbondingDelayQueryAsync(None));
        Assert.Equal(_f.Contracts.InsurancePool, await staking.InsurancePoolQueryAsync(None), ignoreCase: true);
        Assert.Equal(ContractRoles.Slasher, await staking.SlasherRoleQueryAsync(None));
    }

    [Fact]
    public async Task Stake_pulls_tokens_into_bonded_stake_and_top_ups_add_up()
    {
        var service = Ids.New();
        await ApproveAsync(_f.Alice);
        var before = await TotalsAsync();

        var receipt = await _f.Alice.Staking.StakeRequestAndWaitForReceiptAsync(service, 1000, None);

        var staked = receipt.SingleEvent<StakedEvent>(_f.Contracts.StakingPool);
        Assert.Equal(_f.Alice.Address, staked.Provider, ignoreCase: true);
        Assert.Equal(service, staked.ServiceId);
        Assert.Equal(new BigInteger(1000), staked.Amount);
        Assert.Equal(new BigInteger(1000), staked.Bonded);
        var pulled = receipt.SingleEvent<Erc20.TransferEvent>(_f.Contracts.Token);
        Assert.Equal(_f.Alice.Address, pulled.From, ignoreCase: true);
        Assert.Equal(_f.Contracts.StakingPool, pulled.To, ignoreCase: true);
        Assert.Equal(new BigInteger(1500), (await _f.Alice.Staking.StakeRequestAndWaitForReceiptAsync(service, 500, None)).SingleEvent<StakedEvent>().Bonded);
        var position = await _f.Stranger.Staking.PositionOfQueryAsync(_f.Alice.Address, service, None);
        Assert.Equal(new BigInteger(1500), position.Bonded);
        Assert.Equal(BigInteger.Zero, position.Unbonding);
        Assert.Equal(0UL, position.UnbondingReadyAt);
        var after = await TotalsAsync();
        Assert.Equal(before.Staked + 1500, after.Staked);
        Assert.Equal(before.Bonded + 1500, after.Bonded);
    }

    [Fact]
    public async Task Stake_of_nothing_or_without_allowance_is_refused()
    {
        await Revert.With<ZeroAmountError>(() => _f.Bob.Staking.StakeRequestAndWaitForReceiptAsync(Ids.New(), 0, None));
        var poor = await _f.NewAccountAsync("unapproved");
        var allowance = await Revert.With<Erc20.ERC20InsufficientAllowanceError>(() => poor.Staking.StakeRequestAndWaitForReceiptAsync(Ids.New(), 5, None));
        Assert.Equal(_f.Contracts.StakingPool, allowance.Spender, ignoreCase: true);
        Assert.Equal(new BigInteger(5), allowance.Needed);
    }

    [Fact]
    public async Task Unbonding_waits_out_the_delay_before_withdraw_pays_it_all()
    {
        var service = Ids.New();
        await ApproveAsync(_f.Bob);
        await _f.Bob.Staking.StakeRequestAndWaitForReceiptAsync(service, 1000, None);
        var balance = await _f.Stranger.Token.BalanceOfQueryAsync(_f.Bob.Address, None);

        var requested = (await _f.Bob.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 200, None)).SingleEvent<UnbondRequestedEvent>();

        var readyAt = await _f.Anvil.LatestTimestampAsync() + ContractsFixture.UnbondingDelay;
        Assert.Equal(_f.Bob.Address, requested.Provider, ignoreCase: true);
        Assert.Equal(service, requested.ServiceId);
        Assert.Equal(new BigInteger(200), requested.Amount);
        Assert.Equal(new BigInteger(200), requested.Unbonding);
        Assert.Equal(readyAt, requested.ReadyAt);
        var position = await _f.Stranger.Staking.PositionOfQueryAsync(_f.Bob.Address, service, None);
        Assert.Equal((new BigInteger(800), new BigInteger(200), readyAt), (position.Bonded, position.Unbonding, position.UnbondingReadyAt));

        var early = await Revert.With<UnbondingNotReadyError>(() => _f.Bob.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None));
        Assert.Equal(_f.Bob.Address, early.Provider, ignoreCase: true);
        Assert.Equal(service, early.ServiceId);
        Assert.Equal(readyAt, early.ReadyAt);

        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.UnbondingDelay);
        var withdrawn = (await _f.Bob.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None)).SingleEvent<WithdrawnEvent>();

        Assert.Equal(_f.Bob.Address, withdrawn.Provider, ignoreCase: true);
        Assert.Equal(service, withdrawn.ServiceId);
        Assert.Equal(new BigInteger(200), withdrawn.Amount);
        Assert.Equal(balance + 200, await _f.Stranger.Token.BalanceOfQueryAsync(_f.Bob.Address, None));
        var nothing = await Revert.With<NothingToWithdrawError>(() => _f.Bob.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None));
        Assert.Equal(service, nothing.ServiceId);
    }

    [Fact]
    public async Task Unbonding_more_than_is_bonded_or_nothing_is_refused()
    {
        var service = Ids.New();
        await ApproveAsync(_f.Carol);
        await _f.Carol.Staking.StakeRequestAndWaitForReceiptAsync(service, 100, None);

        var insufficient = await Revert.With<InsufficientBondedError>(() => _f.Carol.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 101, None));

        Assert.Equal(_f.Carol.Address, insufficient.Provider, ignoreCase: true);
        Assert.Equal(service, insufficient.ServiceId);
        Assert.Equal(new BigInteger(100), insufficient.Bonded);
        Assert.Equal(new BigInteger(101), insufficient.Amount);
        await Revert.With<ZeroAmountError>(() => _f.Carol.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 0, None));
    }

    [Fact]
    public async Task A_slash_is_proposed_then_executed_taking_bonded_then_unbonding_stake_into_the_insurance_pool_once_per_incident()
    {
        var (service, incident) = (Ids.New(), Ids.New());
        await ApproveAsync(_f.Alice);
        await _f.Alice.Staking.StakeRequestAndWaitForReceiptAsync(service, 400, None);
        await _f.Alice.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 300, None);
        var before = await TotalsAsync();
        var poolBefore = await _f.Stranger.Insurance.PoolBalanceQueryAsync(None);
        var at = await _f.Anvil.LatestTimestampAsync();

        var proposed = (await _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, 250, incident, at, "p99 latency SLO breached", None)).SingleEvent<SlashProposedEvent>();
        Assert.Equal((new BigInteger(250), at, "p99 latency SLO breached"), (proposed.Amount, proposed.IncidentTime, proposed.Reason));
        Assert.Equal(1u, (await _f.Stranger.Staking.PositionOfQueryAsync(_f.Alice.Address, service, None)).PendingSlashes);
        var receipt = await _f.Stranger.Staking.ExecuteSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, incident, None);

        var slashed = receipt.SingleEvent<SlashedEvent>(_f.Contracts.StakingPool);
        Assert.Equal(_f.Alice.Address, slashed.Provider, ignoreCase: true);
        Assert.Equal(service, slashed.ServiceId);
        Assert.Equal(incident, slashed.IncidentId);
        Assert.Equal(new BigInteger(250), slashed.Amount);
        Assert.Equal(new BigInteger(100), slashed.FromBonded);
        Assert.Equal(new BigInteger(150), slashed.FromUnbonding);
        var received = receipt.SingleEvent<Insurance.SlashedFundsReceivedEvent>(_f.Contracts.InsurancePool);
        Assert.Equal(_f.Contracts.StakingPool, received.From, ignoreCase: true);
        Assert.Equal(_f.Alice.Address, received.Provider, ignoreCase: true);
        Assert.Equal(service, received.ServiceId);
        Assert.Equal(incident, received.IncidentId);
        Assert.Equal(new BigInteger(250), received.Amount);
        Assert.Equal(poolBefore + 250, await _f.Stranger.Insurance.PoolBalanceQueryAsync(None));
        Assert.True(await _f.Stranger.Staking.IsSlashedQueryAsync(_f.Alice.Address, service, incident, None));
        Assert.False(await _f.Stranger.Staking.IsSlashedQueryAsync(_f.Alice.Address, service, Ids.New(), None));
        var slash = await _f.Stranger.Staking.GetSlashQueryAsync(_f.Alice.Address, service, incident, None);
        Assert.Equal((2, new BigInteger(250)), (slash.Status, slash.Slashed));
        var position = await _f.Stranger.Staking.PositionOfQueryAsync(_f.Alice.Address, service, None);
        Assert.Equal((BigInteger.Zero, new BigInteger(150), 0u), (position.Bonded, position.Unbonding, position.PendingSlashes));
        var after = await TotalsAsync();
        Assert.Equal(before.Slashed + 250, after.Slashed);
        Assert.Equal(before.Bonded - 100, after.Bonded);
        Assert.Equal(before.Unbonding - 150, after.Unbonding);

        var again = await Revert.With<AlreadySlashedError>(() => _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, 1, incident, at, "retry", None));
        Assert.Equal(_f.Alice.Address, again.Provider, ignoreCase: true);
        Assert.Equal(service, again.ServiceId);
        Assert.Equal(incident, again.IncidentId);
        var done = await Revert.With<SlashNotPendingError>(() => _f.Stranger.Staking.ExecuteSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, incident, None));
        Assert.Equal(incident, done.IncidentId);
    }

    [Fact]
    public async Task A_slash_beyond_the_stake_takes_the_stake_held_at_the_incident_and_not_stake_added_later()
    {
        var (service, incident) = (Ids.New(), Ids.New());
        await ApproveAsync(_f.Alice);
        await ApproveAsync(_f.Bob);
        await _f.Alice.Staking.StakeRequestAndWaitForReceiptAsync(service, 300, None);
        await _f.Bob.Staking.StakeRequestAndWaitForReceiptAsync(service, 50, None);
        var at = await _f.Anvil.LatestTimestampAsync();
        await _f.Anvil.AdvanceTimeAsync(10);
        await _f.Alice.Staking.StakeRequestAndWaitForReceiptAsync(service, 700, None); // after the incident
        Assert.Equal(new BigInteger(300), await _f.Stranger.Staking.SlashableAtQueryAsync(_f.Alice.Address, service, at, None));

        Assert.Equal(new BigInteger(300), (await SlashAsync(_f.Alice.Address, service, 5000, incident, at)).Amount);
        Assert.Equal(new BigInteger(50), (await SlashAsync(_f.Bob.Address, service, 51, incident, at)).Amount);
        Assert.Equal(BigInteger.Zero, (await SlashAsync(_f.Bob.Address, service, 1, Ids.New(), at)).Amount);
        Assert.Equal(new BigInteger(700), (await _f.Stranger.Staking.PositionOfQueryAsync(_f.Alice.Address, service, None)).Bonded);
    }

    [Fact]
    public async Task The_admin_cancels_a_pending_slash_and_withdrawals_wait_for_pending_slashes()
    {
        var (service, incident) = (Ids.New(), Ids.New());
        await ApproveAsync(_f.Carol);
        await _f.Carol.Staking.StakeRequestAndWaitForReceiptAsync(service, 100, None);
        await _f.Carol.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 100, None);
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.UnbondingDelay);
        var at = await _f.Anvil.LatestTimestampAsync();
        await _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Carol.Address, service, 10, incident, at, "disputed", None);
        var pending = await Revert.With<SlashPendingError>(() => _f.Carol.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None));
        Assert.Equal(1u, pending.PendingSlashes);
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Staking.CancelSlashRequestAndWaitForReceiptAsync(_f.Carol.Address, service, incident, "no", None));
        Assert.Equal(ContractRoles.DefaultAdmin, denied.NeededRole);

        var cancelled = (await _f.Operator.Staking.CancelSlashRequestAndWaitForReceiptAsync(_f.Carol.Address, service, incident, "the provider won the dispute vote", None)).SingleEvent<SlashCancelledEvent>();

        Assert.Equal(("the provider won the dispute vote", _f.Operator.Address.ToLowerInvariant()), (cancelled.Reason, cancelled.Canceller.ToLowerInvariant()));
        await Revert.With<SlashNotPendingError>(() => _f.Stranger.Staking.ExecuteSlashRequestAndWaitForReceiptAsync(_f.Carol.Address, service, incident, None));
        Assert.Equal(new BigInteger(100), (await _f.Carol.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None)).SingleEvent<WithdrawnEvent>().Amount);
    }

    [Fact]
    public async Task ProposeSlash_is_refused_without_the_role_and_for_zero_amounts_incidents_or_times()
    {
        var at = await _f.Anvil.LatestTimestampAsync();
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), 1, Ids.New(), at, "x", None));
        Assert.Equal(_f.Alice.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Slasher, denied.NeededRole);
        await Revert.With<ZeroAmountError>(() => _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), 0, Ids.New(), at, "x", None));
        await Revert.With<ZeroIncidentIdError>(() => _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), 1, Ids.Zero, at, "x", None));
        var future = await Revert.With<InvalidIncidentTimeError>(() => _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), 1, Ids.New(), at + 3600, "x", None));
        Assert.Equal(at + 3600, future.IncidentTime);
    }

    [Fact]
    public async Task A_new_pool_slashes_only_once_an_insurance_pool_on_its_token_is_set_and_grants_it_the_depositor_role()
    {
        var admin = _f.Operator;
        var pool = (await admin.Chain.DeployAsync(new StakingPoolDeployment { StakingToken = _f.Contracts.Token, UnbondingDelay = 0, SlashVetoWindow = 0, Admin = admin.Address }, None)).ContractAddress;
        var staking = new StakingPoolService(admin.Chain, pool);
        await staking.GrantRoleRequestAndWaitForReceiptAsync(ContractRoles.Slasher, admin.Address, None);
        await _f.Alice.Token.ApproveRequestAndWaitForReceiptAsync(pool, 1000, None);
        var service = Ids.New();
        await new StakingPoolService(_f.Alice.Chain, pool).StakeRequestAndWaitForReceiptAsync(service, 1000, None);
        var at = await _f.Anvil.LatestTimestampAsync();
        await Revert.With<InsurancePoolNotSetError>(() => staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, 1, Ids.New(), at, "x", None));

        await Revert.With<ZeroInsurancePoolError>(() => staking.SetInsurancePoolRequestAndWaitForReceiptAsync(Ids.ZeroAddress, None));
        await Revert.With<AccessControlUnauthorizedAccountError>(() => new StakingPoolService(_f.Stranger.Chain, pool).SetInsurancePoolRequestAndWaitForReceiptAsync(_f.Contracts.InsurancePool, None));
        var otherToken = await FreshToken.DeployAsync(_f, 1, admin.Address);
        var otherPool = (await admin.Chain.DeployAsync(new Insurance.InsurancePoolDeployment { Asset = otherToken, ClaimGracePeriod = 0, Admin = admin.Address }, None)).ContractAddress;
        var mismatch = await Revert.With<InsurancePoolAssetMismatchError>(() => staking.SetInsurancePoolRequestAndWaitForReceiptAsync(otherPool, None));
        Assert.Equal(_f.Contracts.Token, mismatch.Expected, ignoreCase: true);
        Assert.Equal(otherToken, mismatch.Actual, ignoreCase: true);

        var set = (await staking.SetInsurancePoolRequestAndWaitForReceiptAsync(_f.Contracts.InsurancePool, None)).SingleEvent<InsurancePoolSetEvent>();
        Assert.Equal(Ids.ZeroAddress, set.PreviousPool, ignoreCase: true);
        Assert.Equal(_f.Contracts.InsurancePool, set.NewPool, ignoreCase: true);
        // The insurance pool has not granted this staking pool SLASH_DEPOSITOR_ROLE: the execution fails inside depositSlashed.
        var incident = Ids.New();
        await staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, 1, incident, at, "x", None);
        var notDepositor = await Revert.With<AccessControlUnauthorizedAccountError>(() => staking.ExecuteSlashRequestAndWaitForReceiptAsync(_f.Alice.Address, service, incident, None));
        Assert.Equal(pool, notDepositor.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.SlashDepositor, notDepositor.NeededRole);
    }

    private async Task<SlashedEvent> SlashAsync(string provider, byte[] service, BigInteger amount, byte[] incident, ulong incidentTime)
    {
        await _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(provider, service, amount, incident, incidentTime, "breach", None);
        return (await _f.Stranger.Staking.ExecuteSlashRequestAndWaitForReceiptAsync(provider, service, incident, None)).SingleEvent<SlashedEvent>(_f.Contracts.StakingPool);
    }

    [Fact]
    public async Task The_guardian_pauses_slashing_and_staking_and_only_the_admin_resumes()
    {
        var service = Ids.New();
        await ApproveAsync(_f.Bob);
        await _f.Bob.Staking.StakeRequestAndWaitForReceiptAsync(service, 10, None);
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Bob.Staking.PauseRequestAndWaitForReceiptAsync(None));
        Assert.Equal(ContractRoles.Guardian, denied.NeededRole);
        Assert.Equal(ContractRoles.Guardian, await _f.Stranger.Staking.GuardianRoleQueryAsync(None));
        await _f.Operator.Staking.GrantRoleRequestAndWaitForReceiptAsync(ContractRoles.Guardian, _f.Carol.Address, None);

        var paused = (await _f.Carol.Staking.PauseRequestAndWaitForReceiptAsync(None)).SingleEvent<PausedEvent>();
        try
        {
            Assert.Equal(_f.Carol.Address, paused.Account, ignoreCase: true);
            Assert.True(await _f.Stranger.Staking.PausedQueryAsync(None));
            var at = await _f.Anvil.LatestTimestampAsync();
            await Revert.With<EnforcedPauseError>(() => _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(_f.Bob.Address, service, 1, Ids.New(), at, "paused", None));
            await Revert.With<EnforcedPauseError>(() => _f.Bob.Staking.StakeRequestAndWaitForReceiptAsync(service, 1, None));
            await _f.Bob.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 10, None); // exits stay open
            Assert.Equal(ContractRoles.DefaultAdmin, (await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Carol.Staking.UnpauseRequestAndWaitForReceiptAsync(None))).NeededRole);
        }
        finally
        {
            Assert.Equal(_f.Operator.Address, (await _f.Operator.Staking.UnpauseRequestAndWaitForReceiptAsync(None)).SingleEvent<UnpausedEvent>().Account, ignoreCase: true);
        }

        Assert.False(await _f.Stranger.Staking.PausedQueryAsync(None));
    }

    [Fact]
    public async Task A_pool_without_a_token_cannot_be_deployed()
    {
        await Revert.With<ZeroTokenError>(() => _f.Operator.Chain.DeployAsync(new StakingPoolDeployment { StakingToken = Ids.ZeroAddress, UnbondingDelay = 1, SlashVetoWindow = 1, Admin = _f.Operator.Address }, None));
    }

    private Task<MLGov.Platform.Chain.ContractReceipt> ApproveAsync(TestAccount account) =>
        account.Token.ApproveRequestAndWaitForReceiptAsync(_f.Contracts.StakingPool, ContractsFixture.InitialTokens, None);

    private async Task<(BigInteger Staked, BigInteger Bonded, BigInteger Unbonding, BigInteger Slashed, BigInteger Withdrawn)> TotalsAsync()
    {
        var s = _f.Stranger.Staking;
        return (await s.TotalStakedQueryAsync(None), await s.TotalBondedQueryAsync(None), await s.TotalUnbondingQueryAsync(None), await s.TotalSlashedQueryAsync(None), await s.TotalWithdrawnQueryAsync(None));
    }
}
