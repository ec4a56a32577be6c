using System.Numerics;
using MLGov.Contracts.InsurancePool;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The insurance pool (InsurancePool): an <c>UNDERWRITER_ROLE</c> account creates policies, holders
/// pay premiums, a <c>PAYER_ROLE</c> account pays claims once per (policy, incident) up to the
/// remaining coverage and the pool's balance; slashed stake arrives from the StakingPool
/// (<c>SLASH_DEPOSITOR_ROLE</c>). Used by the Finance and Risk apps.
/// </summary>
public interface IInsurancePoolService : IAccessControlService
{
    Task<byte[]> UnderwriterRoleQueryAsync(CancellationToken cancellationToken);

    Task<byte[]> PayerRoleQueryAsync(CancellationToken cancellationToken);

    Task<byte[]> SlashDepositorRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>The ERC-20 of premiums, payouts and slashed stake.</summary>
    Task<string> AssetQueryAsync(CancellationToken cancellationToken);

    /// <summary>Underwriter: a new policy. Emits <c>PolicyCreatedEvent</c>.</summary>
    Task<ContractReceipt> CreatePolicyRequestAndWaitForReceiptAsync(byte[] policyId, string holder, byte[] serviceId, BigInteger coverage, BigInteger premium, ulong expiry, CancellationToken cancellationToken);

    /// <summary>Pulls (part of) the premium from the sender (approve the pool first). Emits <c>PremiumPaidEvent</c>.</summary>
    Task<ContractReceipt> PayPremiumRequestAndWaitForReceiptAsync(byte[] policyId, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Payer: pays the holder for an incident. Emits <c>ClaimPaidEvent</c>.</summary>
    Task<ContractReceipt> PayClaimRequestAndWaitForReceiptAsync(byte[] policyId, byte[] incidentId, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Slash depositor (the StakingPool): pulls slashed stake from the sender. Emits <c>SlashedFundsReceivedEvent</c>.</summary>
    Task<ContractReceipt> DepositSlashedRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, byte[] incidentId, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Pulls capital from the sender. Emits <c>PoolFundedEvent</c>.</summary>
    Task<ContractReceipt> FundRequestAndWaitForReceiptAsync(BigInteger amount, CancellationToken cancellationToken);

    /// <summary>The policy, zeros for an unknown id.</summary>
    Task<GetPolicyOutput> GetPolicyQueryAsync(byte[] policyId, CancellationToken cancellationToken);

    Task<BigInteger> RemainingCoverageQueryAsync(byte[] policyId, CancellationToken cancellationToken);

    /// <summary>What was paid for (policy, incident); 0 when nothing.</summary>
    Task<BigInteger> ClaimPaidQueryAsync(byte[] policyId, byte[] incidentId, CancellationToken cancellationToken);

    Task<BigInteger> PoolBalanceQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalPremiumsQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalSlashReceivedQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalFundedQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalPaidOutQueryAsync(CancellationToken cancellationToken);
}
