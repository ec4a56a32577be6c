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

    public Task<ContractReceipt> AnchorRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, CancellationToken cancellationToken) =>
        SendAsync(new AnchorFunction { AssetId = assetId, ContentHash = contentHash, ParentIds = [.. parentIds], MetadataHash = metadataHash }, cancellationToken);

    public Task<ContractReceipt> AnchorForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, string owner, IReadOnlyList<byte[]> parentIds, byte[] metadataHash, byte[] authorization, CancellationToken cancellationToken) =>
        SendAsync(new AnchorForFunction { AssetId = assetId, ContentHash = contentHash, Owner = owner, ParentIds = [.. parentIds], MetadataHash = metadataHash, Authorization = authorization }, cancellationToken);

    public Task<ContractReceipt> UpdateRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, CancellationToken cancellationToken) =>
        SendAsync(new UpdateFunction { AssetId = assetId, ContentHash = contentHash, MetadataHash = metadataHash }, cancellationToken);

    public Task<ContractReceipt> UpdateForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] contentHash, byte[] metadataHash, byte[] authorization, CancellationToken cancellationToken) =>
        SendAsync(new UpdateForFunction { AssetId = assetId, ContentHash = contentHash, MetadataHash = metadataHash, Authorization = authorization }, cancellationToken);

    public Task<ContractReceipt> OfferTransferRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, CancellationToken cancellationToken) =>
        SendAsync(new OfferTransferFunction { AssetId = assetId, NewOwner = newOwner }, cancellationToken);

    public Task<ContractReceipt> OfferTransferForRequestAndWaitForReceiptAsync(byte[] assetId, string newOwner, byte[] authorization, CancellationToken cancellationToken) =>
        SendAsync(new OfferTransferForFunction { AssetId = assetId, NewOwner = newOwner, Authorization = authorization }, cancellationToken);

    public Task<ContractReceipt> AcceptTransferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken) =>
        SendAsync(new AcceptTransferFunction { AssetId = assetId }, cancellationToken);

    public Task<ContractReceipt> AcceptTransferForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] authorization, CancellationToken cancellationToken) =>
        SendAsync(new AcceptTransferForFunction { AssetId = assetId, Authorization = authorization }, cancellationToken);

    public Task<ContractReceipt> CancelOfferRequestAndWaitForReceiptAsync(byte[] assetId, CancellationToken cancellationToken) =>
        SendAsync(new CancelOfferFunction { AssetId = assetId }, cancellationToken);

    public Task<ContractReceipt> CancelOfferForRequestAndWaitForReceiptAsync(byte[] assetId, byte[] authorization, CancellationToken cancellationToken) =>
        SendAsync(new CancelOfferForFunction { AssetId = assetId, Authorization = authorization }, cancellationToken);

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
