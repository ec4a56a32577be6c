using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.InsurancePool;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Platform.Chain.Contracts;
using Erc20 = MLGov.Contracts.TestToken;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class InsurancePoolTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public InsurancePoolTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task The_deployed_pool_reads_back_its_asset_and_roles()
    {
        var pool = _f.Stranger.Insurance;

        Assert.Equal(_f.Contracts.Token, await pool.AssetQueryAsync(None), ignoreCase: true);
        Assert.Equal(ContractRoles.Underwriter, await pool.UnderwriterRoleQueryAsync(None));
        Assert.Equal(ContractRoles.Payer, await pool.PayerRoleQueryAsync(None));
        Assert.Equal(ContractRoles.SlashDepositor, await pool.SlashDepositorRoleQueryAsync(None));
        Assert.True(await pool.HasRoleQueryAsync(ContractRoles.SlashDepositor, _f.Contracts.StakingPool, None));
    }

    [Fact]
    public async Task The_underwriter_creates_a_policy()
    {
        var (policy, service) = (Ids.New(), Ids.New());
        await FundAsync(5000);
        var expiry = await _f.Anvil.LatestTimestampAsync() + 86_400;

        var created = (await _f.Operator.Insurance.CreatePolicyRequestAndWaitForReceiptAsync(policy, _f.Alice.Address, service, 5000, 50, expiry, None)).SingleEvent<PolicyCreatedEvent>();

        Assert.Equal(policy, created.PolicyId);
        Assert.Equal(_f.Alice.Address, created.Holder, ignoreCase: true);
        Assert.Equal(service, created.ServiceId);
        Assert.Equal(new BigInteger(5000), created.Coverage);
        Assert.Equal(new BigInteger(50), created.Premium);
        Assert.Equal(expiry, created.Expiry);
        var stored = await _f.Stranger.Insurance.GetPolicyQueryAsync(policy, None);
        Assert.Equal(_f.Alice.Address, stored.Holder, ignoreCase: true);
        Assert.Equal(service, stored.ServiceId);
        Assert.Equal((new BigInteger(5000), new BigInteger(50), BigInteger.Zero, BigInteger.Zero), (stored.Coverage, stored.Premium, stored.PremiumPaid, stored.PaidOut));
        Assert.Equal(expiry, stored.Expiry);
        Assert.Equal(await _f.Anvil.LatestTimestampAsync(), stored.CreatedAt);
        Assert.Equal(new BigInteger(5000), await _f.Stranger.Insurance.RemainingCoverageQueryAsync(policy, None));
        Assert.Equal(Ids.ZeroAddress, (await _f.Stranger.Insurance.GetPolicyQueryAsync(Ids.New(), None)).Holder, ignoreCase: true);
    }

    [Fact]
    public async Task CreatePolicy_is_refused_without_the_role_for_zero_values_a_past_expiry_and_an_existing_id()
    {
        var pool = _f.Operator.Insurance;
        await FundAsync(1);
        var now = await _f.Anvil.LatestTimestampAsync();
        var expiry = now + 3600;

        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Insurance.CreatePolicyRequestAndWaitForReceiptAsync(Ids.New(), _f.Alice.Address, Ids.New(), 1, 0, expiry, None));
        Assert.Equal(ContractRoles.Underwriter, denied.NeededRole);
        await Revert.With<ZeroPolicyIdError>(() => pool.CreatePolicyRequestAndWaitForReceiptAsync(Ids.Zero, _f.Alice.Address, Ids.New(), 1, 0, expiry, None));
        await Revert.With<ZeroHolderError>(() => pool.CreatePolicyRequestAndWaitForReceiptAsync(Ids.New(), Ids.ZeroAddress, Ids.New(), 1, 0, expiry, None));
        await Revert.With<ZeroCoverageError>(() => pool.CreatePolicyRequestAndWaitForReceiptAsync(Ids.New(), _f.Alice.Address, Ids.New(), 0, 0, expiry, None));
        var past = await Revert.With<ExpiryNotInFutureError>(() => pool.CreatePolicyRequestAndWaitForReceiptAsync(Ids.New(), _f.Alice.Address, Ids.New(), 1, 0, now - 1, None));
        Assert.Equal(now - 1, past.Expiry);
        Assert.True(past.NowTimestamp >= now);
        var policy = Ids.New();
        await pool.CreatePolicyRequestAndWaitForReceiptAsync(policy, _f.Alice.Address, Ids.New(), 1, 0, expiry, None);
        Assert.Equal(policy, (await Revert.With<PolicyExistsError>(() => pool.CreatePolicyRequestAndWaitForReceiptAsync(policy, _f.Bob.Address, Ids.New(), 1, 0, expiry, None))).PolicyId);
    }

    [Fact]
    public async Task Premiums_are_paid_in_parts_never_beyond_what_is_due()
    {
        var policy = await CreatePolicyAsync(_f.Alice.Address, coverage: 5000, premium: 50);
        await ApproveAsync(_f.Alice);
        var before = await _f.Stranger.Insurance.TotalPremiumsQueryAsync(None);

        var part = (await _f.Alice.Insurance.PayPremiumRequestAndWaitForReceiptAsync(policy, 20, None)).SingleEvent<PremiumPaidEvent>();

        Assert.Equal(policy, part.PolicyId);
        Assert.Equal(_f.Alice.Address, part.Payer, ignoreCase: true);
        Assert.Equal(new BigInteger(20), part.Amount);
        Assert.Equal(new BigInteger(20), part.PremiumPaid);
        var due = await Revert.With<PremiumExceedsDueError>(() => _f.Alice.Insurance.PayPremiumRequestAndWaitForReceiptAsync(policy, 31, None));
        Assert.Equal(policy, due.PolicyId);
        Assert.Equal((new BigInteger(30), new BigInteger(31)), (due.Due, due.Amount));
        // Anyone may pay a holder's premium.
        await ApproveAsync(_f.Bob);
        var rest = (await _f.Bob.Insurance.PayPremiumRequestAndWaitForReceiptAsync(policy, 30, None)).SingleEvent<PremiumPaidEvent>();
        Assert.Equal(_f.Bob.Address, rest.Payer, ignoreCase: true);
        Assert.Equal(new BigInteger(50), rest.PremiumPaid);
        Assert.Equal(before + 50, await _f.Stranger.Insurance.TotalPremiumsQueryAsync(None));
        await Revert.With<ZeroAmountError>(() => _f.Alice.Insurance.PayPremiumRequestAndWaitForReceiptAsync(policy, 0, None));
        var unknown = Ids.New();
        Assert.Equal(unknown, (await Revert.With<PolicyNotFoundError>(() => _f.Alice.Insurance.PayPremiumRequestAndWaitForReceiptAsync(unknown, 1, None))).PolicyId);
    }

    [Fact]
    public async Task Anyone_funds_the_pool()
    {
        await ApproveAsync(_f.Carol);
        var (funded, balance) = (await _f.Stranger.Insurance.TotalFundedQueryAsync(None), await _f.Stranger.Insurance.PoolBalanceQueryAsync(None));

        var receipt = await _f.Carol.Insurance.FundRequestAndWaitForReceiptAsync(10_000, None);

        var @event = receipt.SingleEvent<PoolFundedEvent>(_f.Contracts.InsurancePool);
        Assert.Equal(_f.Carol.Address, @event.Funder, ignoreCase: true);
        Assert.Equal(new BigInteger(10_000), @event.Amount);
        Assert.Equal(new BigInteger(10_000), receipt.SingleEvent<Erc20.TransferEvent>(_f.Contracts.Token).Value);
        Assert.Equal(funded + 10_000, await _f.Stranger.Insurance.TotalFundedQueryAsync(None));
        Assert.Equal(balance + 10_000, await _f.Stranger.Insurance.PoolBalanceQueryAsync(None));
        await Revert.With<ZeroAmountError>(() => _f.Carol.Insurance.FundRequestAndWaitForReceiptAsync(0, None));
    }

    [Fact]
    public async Task The_payer_pays_a_claim_once_per_incident_up_to_the_remaining_coverage()
    {
        await FundAsync(100_000);
        var policy = await CreatePolicyAsync(_f.Bob.Address, coverage: 1500, premium: 50);
        var incident = Ids.New();
        var at = await _f.Anvil.LatestTimestampAsync();
        var unpaid = await Revert.With<PremiumNotPaidError>(() => _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, incident, at, 1000, None));
        Assert.Equal(policy, unpaid.PolicyId);
        Assert.Equal((new BigInteger(50), BigInteger.Zero), (unpaid.Premium, unpaid.Paid));
        await ApproveAsync(_f.Bob);
        await _f.Bob.Insurance.PayPremiumRequestAndWaitForReceiptAsync(policy, 50, None);
        at = await _f.Anvil.LatestTimestampAsync(); // the cover starts with the premium's block
        var (bobBefore, paidOutBefore) = (await _f.Stranger.Token.BalanceOfQueryAsync(_f.Bob.Address, None), await _f.Stranger.Insurance.TotalPaidOutQueryAsync(None));

        var receipt = await _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, incident, at, 1000, None);

        var paid = receipt.SingleEvent<ClaimPaidEvent>(_f.Contracts.InsurancePool);
        Assert.Equal(policy, paid.PolicyId);
        Assert.Equal(incident, paid.IncidentId);
        Assert.Equal(_f.Bob.Address, paid.Holder, ignoreCase: true);
        Assert.Equal(new BigInteger(1000), paid.Amount);
        Assert.Equal(new BigInteger(1000), paid.PaidOut);
        Assert.Equal(_f.Bob.Address, receipt.SingleEvent<Erc20.TransferEvent>(_f.Contracts.Token).To, ignoreCase: true);
        Assert.Equal(bobBefore + 1000, await _f.Stranger.Token.BalanceOfQueryAsync(_f.Bob.Address, None));
        Assert.Equal(paidOutBefore + 1000, await _f.Stranger.Insurance.TotalPaidOutQueryAsync(None));
        Assert.Equal(new BigInteger(1000), await _f.Stranger.Insurance.ClaimPaidQueryAsync(policy, incident, None));
        Assert.Equal(new BigInteger(500), await _f.Stranger.Insurance.RemainingCoverageQueryAsync(policy, None));

        var twice = await Revert.With<ClaimAlreadyPaidError>(() => _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, incident, at, 1, None));
        Assert.Equal(policy, twice.PolicyId);
        Assert.Equal(incident, twice.IncidentId);
        var beyond = await Revert.With<ExceedsRemainingCoverageError>(() => _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 501, None));
        Assert.Equal(policy, beyond.PolicyId);
        Assert.Equal((new BigInteger(500), new BigInteger(501)), (beyond.Remaining, beyond.Amount));
        Assert.Equal(new BigInteger(1500), (await _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 500, None)).SingleEvent<ClaimPaidEvent>().PaidOut);
        Assert.Equal(BigInteger.Zero, (await Revert.With<ExceedsRemainingCoverageError>(() => _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 1, None))).Remaining);
    }

    [Fact]
    public async Task Cover_beyond_the_capital_is_refused_and_capital_above_the_exposure_is_withdrawn_only_by_the_admin()
    {
        var free = await _f.Stranger.Insurance.FreeCapitalQueryAsync(None);
        var exposure = await _f.Stranger.Insurance.TotalExposureQueryAsync(None);
        var expiry = await _f.Anvil.LatestTimestampAsync() + 3600;

        var refused = await Revert.With<ExposureExceedsCapitalError>(() => _f.Operator.Insurance.CreatePolicyRequestAndWaitForReceiptAsync(Ids.New(), _f.Carol.Address, Ids.New(), free + 1, 0, expiry, None));

        Assert.Equal(exposure + free + 1, refused.Exposure);
        Assert.Equal(exposure + free, refused.Limit);
        await FundAsync(1000);
        var policy = await CreatePolicyAsync(_f.Carol.Address, coverage: free + 1000, premium: 0);
        Assert.Equal(BigInteger.Zero, await _f.Stranger.Insurance.FreeCapitalQueryAsync(None));
        var treasury = (await _f.NewAccountAsync("treasury")).Address;
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Insurance.WithdrawCapitalRequestAndWaitForReceiptAsync(treasury, 1, None));
        Assert.Equal(ContractRoles.DefaultAdmin, denied.NeededRole);
        var below = await Revert.With<CapitalBelowExposureError>(() => _f.Operator.Insurance.WithdrawCapitalRequestAndWaitForReceiptAsync(treasury, 1, None));
        Assert.Equal((BigInteger.Zero, BigInteger.One), (below.Available, below.Amount));
        await FundAsync(300);
        var withdrawn = (await _f.Operator.Insurance.WithdrawCapitalRequestAndWaitForReceiptAsync(treasury, 300, None)).SingleEvent<CapitalWithdrawnEvent>(_f.Contracts.InsurancePool);
        Assert.Equal(treasury, withdrawn.To, ignoreCase: true);
        Assert.Equal(new BigInteger(300), withdrawn.Amount);
        Assert.Equal(new BigInteger(300), await _f.Stranger.Token.BalanceOfQueryAsync(treasury, None));
        var at = await _f.Anvil.LatestTimestampAsync();
        Assert.Equal(free + 1000, (await _f.Operator.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, free + 1000, None)).SingleEvent<ClaimPaidEvent>().Amount);
    }

    [Fact]
    public async Task PayClaim_is_refused_without_the_role_for_zero_values_unknown_policies_and_after_expiry()
    {
        await FundAsync(1000);
        var policy = await CreatePolicyAsync(_f.Alice.Address, coverage: 100, premium: 0, lifetime: 600);
        var pool = _f.Operator.Insurance;
        var at = await _f.Anvil.LatestTimestampAsync();

        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Insurance.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 1, None));
        Assert.Equal(ContractRoles.Payer, denied.NeededRole);
        await Revert.With<ZeroIncidentIdError>(() => pool.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.Zero, at, 1, None));
        await Revert.With<ZeroAmountError>(() => pool.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 0, None));
        await Revert.With<PolicyNotFoundError>(() => pool.PayClaimRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), at, 1, None));

        var future = await Revert.With<IncidentOutsideCoverError>(() => pool.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at + 3600, 1, None));
        Assert.Equal((at + 3600, at), (future.IncidentTime, future.CoverStart));

        await _f.Anvil.AdvanceTimeAsync(601);
        var expiry = (await _f.Stranger.Insurance.GetPolicyQueryAsync(policy, None)).Expiry;
        // inside the grace period, an incident inside the cover is still paid
        await pool.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 1, None);
        await ApproveAsync(_f.Alice);
        await Revert.With<PolicyExpiredError>(() => _f.Alice.Insurance.PayPremiumRequestAndWaitForReceiptAsync(policy, 1, None));
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ClaimGracePeriod);
        var over = await Revert.With<ClaimPeriodOverError>(() => pool.PayClaimRequestAndWaitForReceiptAsync(policy, Ids.New(), at, 1, None));
        Assert.Equal(policy, over.PolicyId);
        Assert.Equal(expiry + ContractsFixture.ClaimGracePeriod, over.ClaimDeadline);
        var released = (await _f.Stranger.Insurance.ReleasePolicyRequestAndWaitForReceiptAsync(policy, None)).SingleEvent<PolicyReleasedEvent>();
        Assert.Equal(new BigInteger(99), released.Released);
    }

    [Fact]
    public async Task Slashed_stake_is_deposited_only_by_a_slash_depositor()
    {
        var (provider, service, incident) = (_f.Alice.Address, Ids.New(), Ids.New());
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Operator.Insurance.DepositSlashedRequestAndWaitForReceiptAsync(provider, service, incident, 1, None));
        Assert.Equal(_f.Operator.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.SlashDepositor, denied.NeededRole);
        var depositor = await _f.NewAccountAsync("depositor");
        await _f.Operator.Insurance.GrantRoleRequestAndWaitForReceiptAsync(ContractRoles.SlashDepositor, depositor.Address, None);
        await _f.Operator.TestToken.MintRequestAndWaitForReceiptAsync(depositor.Address, 700, None);
        await depositor.Token.ApproveRequestAndWaitForReceiptAsync(_f.Contracts.InsurancePool, 700, None);
        var before = await _f.Stranger.Insurance.TotalSlashReceivedQueryAsync(None);

        var received = (await depositor.Insurance.DepositSlashedRequestAndWaitForReceiptAsync(provider, service, incident, 700, None)).SingleEvent<SlashedFundsReceivedEvent>();

        Assert.Equal(depositor.Address, received.From, ignoreCase: true);
        Assert.Equal(provider, received.Provider, ignoreCase: true);
        Assert.Equal(service, received.ServiceId);
        Assert.Equal(incident, received.IncidentId);
        Assert.Equal(new BigInteger(700), received.Amount);
        Assert.Equal(before + 700, await _f.Stranger.Insurance.TotalSlashReceivedQueryAsync(None));
        await Revert.With<ZeroAmountError>(() => depositor.Insurance.DepositSlashedRequestAndWaitForReceiptAsync(provider, service, incident, 0, None));
    }

    [Fact]
    public async Task A_pool_without_an_asset_cannot_be_deployed()
    {
        await Revert.With<ZeroAssetError>(() => _f.Operator.Chain.DeployAsync(new InsurancePoolDeployment { Asset = Ids.ZeroAddress, ClaimGracePeriod = 0, Admin = _f.Operator.Address }, None));
    }

    private async Task<byte[]> CreatePolicyAsync(string holder, BigInteger coverage, BigInteger premium, ulong lifetime = 365 * 86_400)
    {
        var policy = Ids.New();
        var free = await _f.Stranger.Insurance.FreeCapitalQueryAsync(None);
        if (free < coverage)
        {
            await FundAsync(coverage - free);
        }

        var expiry = await _f.Anvil.LatestTimestampAsync() + lifetime;
        await _f.Operator.Insurance.CreatePolicyRequestAndWaitForReceiptAsync(policy, holder, Ids.New(), coverage, premium, expiry, None);
        return policy;
    }

    private async Task FundAsync(BigInteger amount)
    {
        await ApproveAsync(_f.Operator);
        await _f.Operator.Insurance.FundRequestAndWaitForReceiptAsync(amount, None);
    }

    private Task<MLGov.Platform.Chain.ContractReceipt> ApproveAsync(TestAccount account) =>
        account.Token.ApproveRequestAndWaitForReceiptAsync(_f.Contracts.InsurancePool, ContractsFixture.InitialTokens, None);
}
