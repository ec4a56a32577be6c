using System.Numerics;
using MLGov.Contracts.AssetAnchorRegistry;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to a deployed AssetAnchorRegistry.</summary>
public sealed class AssetAnchorRegistryService : AccessControlService, IAssetAnchorRegistryService
{
    public AssetAnchorRegistryService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> RegistrarRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<RegistrarRoleFunction, byte[]>(new RegistrarRoleFunction(), cancellationToken);

    public Task<BigInteger> MaxParentsQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<MaxParentsFunction, BigInteger>(new MaxParentsFunction(), cancellationToken);

    public Task<ContractReceipt> AnchorRequestAndWaitForReceiptAsync(byte[] salt, byte[] contentHash, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, CancellationToken cancellationToken) =>
        SendAsync(new AnchorFunction { Salt = salt, ContentHash = contentHash, ParentIds = [.. parentIds], MetadataHash = metadataHash }, cancellationToken);

    public Task<ContractReceipt> AnchorForRequestAndWaitForReceiptAsync(string owner, byte[] salt, byte[] contentHash, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, BigInteger deadline, byte[] signature, CancellationToken cancellationToken) =>
        SendAsync(new AnchorForFunction { Owner = owner, Salt = salt, ContentHash = contentHash, ParentIds = [.. parentIds], MetadataHash = metadataHash, Deadline = deadline, Signature = signature }, cancellationToken);

    public Task<ContractReceipt> UpdateRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, CancellationToken cancellationToken) =>
        SendAsync(new UpdateFunction { AssetId = assetId, ContentHash = contentHash, MetadataHash = metadataHash }, cancellationToken);

    public Task<ContractReceipt> UpdateForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, BigInteger deadline, byte[] signature, CancellationToken cancellationToken) =>
        SendAsync(new UpdateForFunction { AssetId = assetId, ContentHash = contentHash, MetadataHash = metadataHash, Deadline = deadline, Signature = signature }, cancellationToken);

    public Task<ContractReceipt> OfferTransferRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, CancellationToken cancellationToken) =>
        SendAsync(new OfferTransferFunction { AssetId = assetId, NewOwner = newOwner }, cancellationToken);

    public Task<ContractReceipt> OfferTransferForRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, BigInteger deadline, byte[] signature, CancellationToken cancellationToken) =>
        SendAsync(new OfferTransferForFunction { AssetId = assetId, NewOwner = newOwner, Deadline = deadline, Signature = signature }, cancellationToken);

    public Task<ContractReceipt> AcceptTransferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken) =>
        SendAsync(new AcceptTransferFunction { AssetId = assetId }, cancellationToken);

    public Task<ContractReceipt> AcceptTransferForRequestAndWaitForReceiptAsync(byte[] assetId, BigInteger deadline, byte[] signature, CancellationToken cancellationToken) =>
        SendAsync(new AcceptTransferForFunction { AssetId = assetId, Deadline = deadline, Signature = signature }, cancellationToken);

    public Task<ContractReceipt> CancelOfferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken) =>
        SendAsync(new CancelOfferFunction { AssetId = assetId }, cancellationToken);

    public Task<ContractReceipt> CancelOfferForRequestAndWaitForReceiptAsync(byte[] assetId, BigInteger deadline, byte[] signature, CancellationToken cancellationToken) =>
        SendAsync(new CancelOfferForFunction { AssetId = assetId, Deadline = deadline, Signature = signature }, cancellationToken);

    public Task<BigInteger> NoncesQueryAsync(string account, CancellationToken cancellationToken) =>
        QueryValueAsync<NoncesFunction, BigInteger>(new NoncesFunction { Owner = account }, cancellationToken);

    public Task<byte[]> AssetIdOfQueryAsync(string owner, byte[] salt, CancellationToken cancellationToken) =>
        QueryValueAsync<AssetIdOfFunction, byte[]>(new AssetIdOfFunction { Owner = owner, Salt = salt }, cancellationToken);

    public Task<bool> IsRegistrarManagedQueryAsync(byte[] assetId, CancellationToken cancellationToken) =>
        QueryValueAsync<IsRegistrarManagedFunction, bool>(new IsRegistrarManagedFunction { AssetId = assetId }, cancellationToken);

    public Task<byte[]> DomainSeparatorQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<DomainSeparatorFunction, byte[]>(new DomainSeparatorFunction(), cancellationToken);

    public Task<GetAssetOutput> GetAssetQueryAsync(byte[] assetId, CancellationToken cancellationToken) =>
        QueryAsync<GetAssetFunction, GetAssetOutput>(new GetAssetFunction { AssetId = assetId }, cancellationToken);

    public Task<string> OwnerOfQueryAsync(byte[] assetId, CancellationToken cancellationToken) =>
        QueryValueAsync<OwnerOfFunction, string>(new OwnerOfFunction { AssetId = assetId }, cancellationToken);

    public Task<byte[]> ContentHashOfQueryAsync(byte[] assetId, CancellationToken cancellationToken) =>
        QueryValueAsync<ContentHashOfFunction, byte[]>(new ContentHashOfFunction { AssetId = assetId }, cancellationToken);

    public async Task<IReadOnlyList<byte[]>> ParentsOfQueryAsync(byte[] assetId, CancellationToken cancellationToken) =>
        await QueryValueAsync<ParentsOfFunction, List<byte[]>>(new ParentsOfFunction { AssetId = assetId }, cancellationToken).ConfigureAwait(false);

    public Task<bool> ExistsQueryAsync(byte[] assetId, CancellationToken cancellationToken) =>
        QueryValueAsync<ExistsFunction, bool>(new ExistsFunction { AssetId = assetId }, cancellationToken);
}
