using System.Numerics;
using MLGov.Contracts.AssetAnchorRegistry;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The asset anchor registry (AssetAnchorRegistry): content and metadata hashes, owners and lineage
/// parents of ML assets, two-step ownership transfer. Asset ids are derived on chain from the owner and
/// a salt (<see cref="AssetAnchorConsent.AssetIdOf"/>). Each owner action exists as <c>Xxx</c>, sent by the
/// owner's own account (the asset is then owner-managed: the registrar cannot act for it), and
/// <c>XxxFor</c>, sent by a <c>REGISTRAR_ROLE</c> account with the owner's EIP-712 signature
/// (<see cref="AssetAnchorConsent"/>) and its deadline. Used by the Registry app.
/// </summary>
public interface IAssetAnchorRegistryService : IAccessControlService
{
    Task<byte[]> RegistrarRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary><c>MAX_PARENTS</c> (64).</summary>
    Task<BigInteger> MaxParentsQueryAsync(CancellationToken cancellationToken);

    /// <summary>Anchors a new asset owned by the sender under <c>assetIdOf(sender, salt)</c>. Emits <c>AssetAnchoredEvent</c>.</summary>
    Task<ContractReceipt> AnchorRequestAndWaitForReceiptAsync(byte[] salt, byte[] contentHash, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, CancellationToken cancellationToken);

    /// <summary>Registrar: anchors a new asset owned by <paramref name="owner"/>, who signed the <c>Anchor</c> consent. Emits <c>AssetAnchoredEvent</c>, <c>ActedOnBehalfEvent</c>.</summary>
    Task<ContractReceipt> AnchorForRequestAndWaitForReceiptAsync(string owner, byte[] salt, byte[] contentHash, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, BigInteger deadline, byte[] signature, CancellationToken cancellationToken);

    /// <summary>Owner: new hashes, version + 1. Emits <c>AssetUpdatedEvent</c>.</summary>
    Task<ContractReceipt> UpdateRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, CancellationToken cancellationToken);

    /// <summary>Registrar, with the owner's <c>Update</c> consent (registrar-managed assets only).</summary>
    Task<ContractReceipt> UpdateForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, BigInteger deadline, byte[] signature, CancellationToken cancellationToken);

    /// <summary>Owner: offers the asset to <paramref name="newOwner"/> (replacing an earlier offer). Emits <c>TransferOfferedEvent</c>.</summary>
    Task<ContractReceipt> OfferTransferRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, CancellationToken cancellationToken);

    /// <summary>Registrar, with the owner's <c>OfferTransfer</c> consent (registrar-managed assets only).</summary>
    Task<ContractReceipt> OfferTransferForRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, BigInteger deadline, byte[] signature, CancellationToken cancellationToken);

    /// <summary>Pending owner: takes the asset (which becomes owner-managed). Emits <c>AssetOwnershipTransferredEvent</c>.</summary>
    Task<ContractReceipt> AcceptTransferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken);

    /// <summary>Registrar, with the pending owner's <c>AcceptTransfer</c> consent (registrar-managed assets only).</summary>
    Task<ContractReceipt> AcceptTransferForRequestAndWaitForReceiptAsync(byte[] assetId, BigInteger deadline, byte[] signature, CancellationToken cancellationToken);

    /// <summary>Owner: withdraws the pending offer. Emits <c>TransferOfferCancelledEvent</c>.</summary>
    Task<ContractReceipt> CancelOfferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken);

    /// <summary>Registrar, with the owner's <c>CancelOffer</c> consent (registrar-managed assets only).</summary>
    Task<ContractReceipt> CancelOfferForRequestAndWaitForReceiptAsync(byte[] assetId, BigInteger deadline, byte[] signature, CancellationToken cancellationToken);

    /// <summary>The next nonce <paramref name="account"/> must sign.</summary>
    Task<BigInteger> NoncesQueryAsync(string account, CancellationToken cancellationToken);

    /// <summary><c>keccak256(abi.encode(owner, salt))</c>, as the contract computes it.</summary>
    Task<byte[]> AssetIdOfQueryAsync(string owner, byte[] salt, CancellationToken cancellationToken);

    /// <summary>Whether the registrar may act for the asset's owner. Reverts <c>AssetNotFound</c> for an unknown id.</summary>
    Task<bool> IsRegistrarManagedQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    /// <summary>The EIP-712 domain separator of the registry.</summary>
    Task<byte[]> DomainSeparatorQueryAsync(CancellationToken cancellationToken);

    /// <summary>Reverts <c>AssetNotFound</c> for an unknown id.</summary>
    Task<GetAssetOutput> GetAssetQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<string> OwnerOfQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<byte[]> ContentHashOfQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<IReadOnlyList<byte[]>> ParentsOfQueryAsync(byte[] assetId, CancellationToken cancellationToken);

    Task<bool> ExistsQueryAsync(byte[] assetId, CancellationToken cancellationToken);
}
