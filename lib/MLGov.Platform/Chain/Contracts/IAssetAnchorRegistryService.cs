using System.Numerics;
using MLGov.Contracts.AssetAnchorRegistry;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The asset anchor registry (AssetAnchorRegistry): content and metadata hashes, owners and lineage
/// parents of ML assets, two-step ownership transfer. Each owner action exists as <c>Xxx</c>, sent by
/// the owner's own account, and <c>XxxFor</c>, sent by a <c>REGISTRAR_ROLE</c> account with the hash of
/// the owner's signed request as <c>authorization</c>. Used by the Registry app.
/// </summary>
public interface IAssetAnchorRegistryService : IAccessControlService
{
    Task<byte[]> RegistrarRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary><c>MAX_PARENTS</c> (64).</summary>
    Task<BigInteger> MaxParentsQueryAsync(CancellationToken cancellationToken);

    /// <summary>Anchors a new asset owned by the sender. Emits <c>AssetAnchoredEvent</c>.</summary>
    Task<ContractReceipt> AnchorRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, CancellationToken cancellationToken);

    /// <summary>Registrar: anchors a new asset owned by <paramref name="owner"/>. Emits <c>AssetAnchoredEvent</c>, <c>ActedOnBehalfEvent</c>.</summary>
    Task<ContractReceipt> AnchorForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, string owner, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, byte[] authorization, CancellationToken cancellationToken);

    /// <summary>Owner: new hashes, version + 1. Emits <c>AssetUpdatedEvent</c>.</summary>
    Task<ContractReceipt> UpdateRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, CancellationToken cancellationToken);

    Task<ContractReceipt> UpdateForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, byte[] authorization, CancellationToken cancellationToken);

    /// <summary>Owner: offers the asset to <paramref name="newOwner"/> (replacing an earlier offer). Emits <c>TransferOfferedEvent</c>.</summary>
    Task<ContractReceipt> OfferTransferRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, CancellationToken cancellationToken);

    Task<ContractReceipt> OfferTransferForRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, byte[] authorization, CancellationToken cancellationToken);

    /// <summary>Pending owner: takes the asset. Emits <c>AssetOwnershipTransferredEvent</c>.</summary>
    Task<ContractReceipt> AcceptTransferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<ContractReceipt> AcceptTransferForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] authorization, CancellationToken cancellationToken);

    /// <summary>Owner: withdraws the pending offer. Emits <c>TransferOfferCancelledEvent</c>.</summary>
    Task<ContractReceipt> CancelOfferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<ContractReceipt> CancelOfferForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] authorization, CancellationToken cancellationToken);

    /// <summary>Reverts <c>AssetNotFound</c> for an unknown id.</summary>
    Task<GetAssetOutput> GetAssetQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<string> OwnerOfQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<byte[]> ContentHashOfQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<IReadOnlyList<byte[]>> ParentsOfQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<bool> ExistsQueryAsync(byte[] assetId, CancellationToken cancellationToken);
}
