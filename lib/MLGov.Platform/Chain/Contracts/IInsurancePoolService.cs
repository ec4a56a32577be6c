using System.Numerics;
using MLGov.Contracts.InsurancePool;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The insurance pool (InsurancePool): an <c>UNDERWRITER_ROLE</c> account creates policies (only as
/// much cover as the capital backs), holders pay premiums (the payment completing it starts the
/// cover), a <c>PAYER_ROLE</c> account pays claims once per (policy, incident) for an incident inside
/// the paid cover, up to the remaining coverage, until the expiry plus the grace period; slashed stake
/// arrives from the StakingPool (<c>SLASH_DEPOSITOR_ROLE</c>); the admin (the timelock) withdraws
/// capital above the exposure. Used by the Finance and Risk apps.
/// </summary>
public interface IInsurancePoolService : IGuardianPausableService
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

    /// <summary>Payer: pays the holder for an incident at <paramref name="incidentTime"/> (unix seconds, inside the paid cover). Emits <c>ClaimPaidEvent</c>.</summary>
    Task<ContractReceipt> PayClaimRequestAndWaitForReceiptAsync(byte[] policyId, byte[] incidentId, ulong incidentTime, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Anyone, once the policy's claim period is over: its unused coverage leaves the exposure. Emits <c>PolicyReleasedEvent</c>.</summary>
    Task<ContractReceipt> ReleasePolicyRequestAndWaitForReceiptAsync(byte[] policyId, CancellationToken cancellationToken);

    /// <summary>Admin (the timelock): withdraws capital above the exposure to <paramref name="recipient"/>. Emits <c>CapitalWithdrawnEvent</c>.</summary>
    Task<ContractReceipt> WithdrawCapitalRequestAndWaitForReceiptAsync(string recipient, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Seconds after expiry during which covered incidents are still paid.</summary>
    Task<ulong> ClaimGracePeriodQueryAsync(CancellationToken cancellationToken);

    /// <summary>The remaining coverage of every policy not yet released.</summary>
    Task<BigInteger> TotalExposureQueryAsync(CancellationToken cancellationToken);

    /// <summary>The balance minus the exposure.</summary>
    Task<BigInteger> FreeCapitalQueryAsync(CancellationToken cancellationToken);

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
