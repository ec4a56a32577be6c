using System.Numerics;
using MLGov.Contracts.MerkleDistributor;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The Merkle revenue distributor (MerkleDistributor): per token, a <c>DISTRIBUTOR_ROLE</c> account
/// posts epochs as roots of cumulative entitlements and pays in the increase; a posted root is
/// pending (disputable by <c>CHALLENGER_ROLE</c>) for the challenge window before claims use it;
/// anyone submits claims, which pay the account what it has not yet claimed against the active root;
/// the admin (the timelock) may sweep what is unclaimed after the claim period. Used by the Finance app; trees are built with
/// <c>MLGov.Core.Merkle.DistributionLeafEncoder</c>.
/// </summary>
public interface IMerkleDistributorService : IGuardianPausableService
{
    Task<byte[]> DistributorRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>Seconds a posted root is pending.</summary>
    Task<ulong> ChallengeWindowQueryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Posts the token's next epoch as pending and pulls what <c>totalCumulative</c> exceeds the funds
    /// received so far from the sender (approve the distributor first). Emits <c>RootPostedEvent</c>
    /// with the epoch and the activation time.
    /// </summary>
    Task<ContractReceipt> PostRootRequestAndWaitForReceiptAsync(string token, byte[] root, BigInteger totalCumulative, CancellationToken cancellationToken);

    /// <summary>Pays <paramref name="account"/> its unclaimed entitlement against the current root. Emits <c>ClaimedEvent</c>.</summary>
    Task<ContractReceipt> ClaimRequestAndWaitForReceiptAsync(string account, string token, BigInteger cumulativeAmount, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken);

    /// <summary>Challenger: discards the token's pending root. Emits <c>RootDisputedEvent</c>.</summary>
    Task<ContractReceipt> DisputeRootRequestAndWaitForReceiptAsync(string token, string reason, CancellationToken cancellationToken);

    /// <summary>Anyone: activates the token's pending root once its window has passed (claims do it too). Emits <c>RootActivatedEvent</c> when it did.</summary>
    Task<ContractReceipt> ActivateRootRequestAndWaitForReceiptAsync(string token, CancellationToken cancellationToken);

    /// <summary>The token's pending root, zeros when none.</summary>
    Task<GetPendingRootOutput> GetPendingRootQueryAsync(string token, CancellationToken cancellationToken);

    Task<GetDistributionOutput> GetDistributionQueryAsync(string token, CancellationToken cancellationToken);

    /// <summary>What <paramref name="account"/> has claimed of <paramref name="token"/> so far, cumulatively.</summary>
    Task<BigInteger> ClaimedQueryAsync(string token, string account, CancellationToken cancellationToken);

    /// <summary>The contract's own leaf hash of an entitlement.</summary>
    Task<byte[]> LeafHashQueryAsync(string account, string token, BigInteger cumulativeAmount, CancellationToken cancellationToken);
}
