using System.Numerics;
using MLGov.Contracts.MerkleDistributor;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The Merkle revenue distributor (MerkleDistributor): per token, a <c>DISTRIBUTOR_ROLE</c> account
/// posts epochs as roots of cumulative entitlements and pays in the increase; anyone submits claims,
/// which pay the account what it has not yet claimed. Used by the Finance app; trees are built with
/// <c>MLGov.Core.Merkle.DistributionLeafEncoder</c>.
/// </summary>
public interface IMerkleDistributorService : IAccessControlService
{
    Task<byte[]> DistributorRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Posts the token's next epoch and pulls <c>totalCumulative − previous total</c> from the sender
    /// (approve the distributor first). Emits <c>RootPostedEvent</c> with the epoch.
    /// </summary>
    Task<ContractReceipt> PostRootRequestAndWaitForReceiptAsync(string token, byte[] root, BigInteger totalCumulative, CancellationToken cancellationToken);

    /// <summary>Pays <paramref name="account"/> its unclaimed entitlement against the current root. Emits <c>ClaimedEvent</c>.</summary>
    Task<ContractReceipt> ClaimRequestAndWaitForReceiptAsync(string account, string token, BigInteger cumulativeAmount, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken);

    Task<GetDistributionOutput> GetDistributionQueryAsync(string token, CancellationToken cancellationToken);

    /// <summary>What <paramref name="account"/> has claimed of <paramref name="token"/> so far, cumulatively.</summary>
    Task<BigInteger> ClaimedQueryAsync(string token, string account, CancellationToken cancellationToken);

    /// <summary>The contract's own leaf hash of an entitlement.</summary>
    Task<byte[]> LeafHashQueryAsync(string account, string token, BigInteger cumulativeAmount, CancellationToken cancellationToken);
}
