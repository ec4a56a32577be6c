using System.Numerics;
using MLGov.Contracts.InsurancePool;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to a deployed InsurancePool.</summary>
public sealed class InsurancePoolService : GuardianPausableService, IInsurancePoolService
{
    public InsurancePoolService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> UnderwriterRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<UnderwriterRoleFunction, byte[]>(new UnderwriterRoleFunction(), cancellationToken);

    public Task<byte[]> PayerRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<PayerRoleFunction, byte[]>(new PayerRoleFunction(), cancellationToken);

    public Task<byte[]> SlashDepositorRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<SlashDepositorRoleFunction, byte[]>(new SlashDepositorRoleFunction(), cancellationToken);

    public Task<string> AssetQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<AssetFunction, string>(new AssetFunction(), cancellationToken);

    public Task<ContractReceipt> CreatePolicyRequestAndWaitForReceiptAsync(byte[] policyId, string holder, byte[] serviceId, BigInteger coverage, BigInteger premium, ulong expiry, CancellationToken cancellationToken) =>
        SendAsync(new CreatePolicyFunction { PolicyId = policyId, Holder = holder, ServiceId = serviceId, Coverage = coverage, Premium = premium, Expiry = expiry }, cancellationToken);

    public Task<ContractReceipt> PayPremiumRequestAndWaitForReceiptAsync(byte[] policyId, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new PayPremiumFunction { PolicyId = policyId, Amount = amount }, cancellationToken);

    public Task<ContractReceipt> PayClaimRequestAndWaitForReceiptAsync(byte[] policyId, byte[] incidentId, ulong incidentTime, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new PayClaimFunction { PolicyId = policyId, IncidentId = incidentId, IncidentTime = incidentTime, Amount = amount }, cancellationToken);

    public Task<ContractReceipt> ReleasePolicyRequestAndWaitForReceiptAsync(byte[] policyId, CancellationToken cancellationToken) =>
        SendAsync(new ReleasePolicyFunction { PolicyId = policyId }, cancellationToken);

    public Task<ContractReceipt> WithdrawCapitalRequestAndWaitForReceiptAsync(string recipient, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new WithdrawCapitalFunction { To = recipient, Amount = amount }, cancellationToken);

    public Task<ulong> ClaimGracePeriodQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<ClaimGracePeriodFunction, ulong>(new ClaimGracePeriodFunction(), cancellationToken);

    public Task<BigInteger> TotalExposureQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalExposureFunction, BigInteger>(new TotalExposureFunction(), cancellationToken);

    public Task<BigInteger> FreeCapitalQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<FreeCapitalFunction, BigInteger>(new FreeCapitalFunction(), cancellationToken);

    public Task<ContractReceipt> DepositSlashedRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, byte[] incidentId, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new DepositSlashedFunction { Provider = provider, ServiceId = serviceId, IncidentId = incidentId, Amount = amount }, cancellationToken);

    public Task<ContractReceipt> FundRequestAndWaitForReceiptAsync(BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new FundFunction { Amount = amount }, cancellationToken);

    public Task<GetPolicyOutput> GetPolicyQueryAsync(byte[] policyId, CancellationToken cancellationToken) =>
        QueryAsync<GetPolicyFunction, GetPolicyOutput>(new GetPolicyFunction { PolicyId = policyId }, cancellationToken);

    public Task<BigInteger> RemainingCoverageQueryAsync(byte[] policyId, CancellationToken cancellationToken) =>
        QueryValueAsync<RemainingCoverageFunction, BigInteger>(new RemainingCoverageFunction { PolicyId = policyId }, cancellationToken);

    public Task<BigInteger> ClaimPaidQueryAsync(byte[] policyId, byte[] incidentId, CancellationToken cancellationToken) =>
        QueryValueAsync<ClaimPaidFunction, BigInteger>(new ClaimPaidFunction { PolicyId = policyId, IncidentId = incidentId }, cancellationToken);

    public Task<BigInteger> PoolBalanceQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<PoolBalanceFunction, BigInteger>(new PoolBalanceFunction(), cancellationToken);

    public Task<BigInteger> TotalPremiumsQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalPremiumsFunction, BigInteger>(new TotalPremiumsFunction(), cancellationToken);

    public Task<BigInteger> TotalSlashReceivedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalSlashReceivedFunction, BigInteger>(new TotalSlashReceivedFunction(), cancellationToken);

    public Task<BigInteger> TotalFundedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalFundedFunction, BigInteger>(new TotalFundedFunction(), cancellationToken);

    public Task<BigInteger> TotalPaidOutQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalPaidOutFunction, BigInteger>(new TotalPaidOutFunction(), cancellationToken);
}
