using System.Numerics;
using MLGov.Contracts.AssetAnchorRegistry;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Core.Encoding;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using Nethereum.Contracts;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class AssetAnchorRegistryTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public AssetAnchorRegistryTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task Anchor_records_the_sender_as_owner_at_version_1()
    {
        var registry = _f.Alice.Registry;
        var (asset, content, metadata) = (Ids.New(), Ids.New(), Ids.New());

        var anchored = (await registry.AnchorRequestAndWaitForReceiptAsync(asset, content, [], metadata, None)).SingleEvent<AssetAnchoredEvent>(registry.ContractAddress);

        Assert.Equal(asset, anchored.AssetId);
        Assert.Equal(_f.Alice.Address, anchored.Owner, ignoreCase: true);
        Assert.Equal(content, anchored.ContentHash);
        Assert.Equal(metadata, anchored.MetadataHash);
        Assert.Empty(anchored.ParentIds);
        var stored = await registry.GetAssetQueryAsync(asset, None);
        Assert.Equal(_f.Alice.Address, stored.Owner, ignoreCase: true);
        Assert.Equal(Ids.ZeroAddress, stored.PendingOwner, ignoreCase: true);
        Assert.Equal(content, stored.ContentHash);
        Assert.Equal(metadata, stored.MetadataHash);
        Assert.Equal(1UL, stored.Version);
        Assert.True(stored.AnchoredAt > 0);
        Assert.Equal(stored.AnchoredAt, stored.UpdatedAt);
        Assert.Equal(_f.Alice.Address, await registry.OwnerOfQueryAsync(asset, None), ignoreCase: true);
        Assert.Equal(content, await registry.ContentHashOfQueryAsync(asset, None));
        Assert.Empty(await registry.ParentsOfQueryAsync(asset, None));
        Assert.True(await registry.ExistsQueryAsync(asset, None));
        Assert.False(await registry.ExistsQueryAsync(Ids.New(), None));
        Assert.Equal(new BigInteger(64), await registry.MaxParentsQueryAsync(None));
        Assert.Equal(ContractRoles.Registrar, await registry.RegistrarRoleQueryAsync(None));
    }

    [Fact]
    public async Task Anchor_with_parents_records_the_lineage_and_a_zero_metadata_hash_is_allowed()
    {
        var registry = _f.Alice.Registry;
        var (p1, p2, model) = (Ids.New(), Ids.New(), Ids.New());
        await registry.AnchorRequestAndWaitForReceiptAsync(p1, Ids.New(), [], Ids.New(), None);
        await _f.Bob.Registry.AnchorRequestAndWaitForReceiptAsync(p2, Ids.New(), [], Ids.New(), None);

        var anchored = (await registry.AnchorRequestAndWaitForReceiptAsync(model, Ids.New(), [p1, p2], Ids.Zero, None)).SingleEvent<AssetAnchoredEvent>();

        Assert.Equal([p1, p2], anchored.ParentIds);
        Assert.Equal(Ids.Zero, anchored.MetadataHash);
        Assert.Equal([p1, p2], await registry.ParentsOfQueryAsync(model, None));
    }

    [Fact]
    public async Task Anchor_refuses_zero_ids_repeats_unknown_or_duplicate_parents_and_too_many_parents()
    {
        var registry = _f.Alice.Registry;
        var existing = Ids.New();
        await registry.AnchorRequestAndWaitForReceiptAsync(existing, Ids.New(), [], Ids.New(), None);

        await Revert.With<ZeroAssetIdError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.Zero, Ids.New(), [], Ids.New(), None));
        await Revert.With<ZeroContentHashError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.Zero, [], Ids.New(), None));
        Assert.Equal(existing, (await Revert.With<AssetAlreadyAnchoredError>(() => _f.Bob.Registry.AnchorRequestAndWaitForReceiptAsync(existing, Ids.New(), [], Ids.New(), None))).AssetId);
        var unknown = Ids.New();
        Assert.Equal(unknown, (await Revert.With<ParentNotFoundError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [existing, unknown], Ids.New(), None))).ParentId);
        Assert.Equal(existing, (await Revert.With<DuplicateParentError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [existing, existing], Ids.New(), None))).ParentId);
        var tooMany = await Revert.With<TooManyParentsError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [.. Enumerable.Range(0, 65).Select(_ => Ids.New())], Ids.New(), None));
        Assert.Equal(new BigInteger(65), tooMany.Count);
        Assert.Equal(new BigInteger(64), tooMany.Max);
    }

    [Fact]
    public async Task AnchorFor_anchors_for_an_owner_and_publishes_the_authorization()
    {
        var registrar = _f.Operator.Registry;
        var (asset, authorization) = (Ids.New(), Ids.Hash("jws:owner-signed-request"));

        var receipt = await registrar.AnchorForRequestAndWaitForReceiptAsync(asset, Ids.New(), _f.Bob.Address, [], Ids.New(), authorization, None);

        Assert.Equal(_f.Bob.Address, receipt.SingleEvent<AssetAnchoredEvent>().Owner, ignoreCase: true);
        AssertActedOnBehalf<AnchorForFunction>(receipt, asset, _f.Bob.Address, authorization);
        Assert.Equal(_f.Bob.Address, await registrar.OwnerOfQueryAsync(asset, None), ignoreCase: true);
    }

    [Fact]
    public async Task AnchorFor_is_refused_without_the_registrar_role_without_an_authorization_and_for_a_zero_owner()
    {
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Stranger.Registry.AnchorForRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), _f.Stranger.Address, [], Ids.New(), Ids.New(), None));
        Assert.Equal(_f.Stranger.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Registrar, denied.NeededRole);
        await Revert.With<ZeroAuthorizationError>(() => _f.Operator.Registry.AnchorForRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), _f.Bob.Address, [], Ids.New(), Ids.Zero, None));
        await Revert.With<ZeroOwnerError>(() => _f.Operator.Registry.AnchorForRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.ZeroAddress, [], Ids.New(), Ids.New(), None));
    }

    [Fact]
    public async Task Update_by_the_owner_bumps_the_version_and_anyone_else_is_refused()
    {
        var asset = await AnchorAsAliceAsync();
        var (content, metadata) = (Ids.New(), Ids.New());

        var updated = (await _f.Alice.Registry.UpdateRequestAndWaitForReceiptAsync(asset, content, metadata, None)).SingleEvent<AssetUpdatedEvent>();

        Assert.Equal(asset, updated.AssetId);
        Assert.Equal(2UL, updated.Version);
        Assert.Equal(content, updated.ContentHash);
        Assert.Equal(metadata, updated.MetadataHash);
        Assert.Equal(content, await _f.Stranger.Registry.ContentHashOfQueryAsync(asset, None));
        var notOwner = await Revert.With<NotAssetOwnerError>(() => _f.Bob.Registry.UpdateRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), None));
        Assert.Equal(asset, notOwner.AssetId);
        Assert.Equal(_f.Bob.Address, notOwner.Account, ignoreCase: true);
        await Revert.With<ZeroContentHashError>(() => _f.Alice.Registry.UpdateRequestAndWaitForReceiptAsync(asset, Ids.Zero, Ids.New(), None));
        var unknown = Ids.New();
        Assert.Equal(unknown, (await Revert.With<AssetNotFoundError>(() => _f.Alice.Registry.UpdateRequestAndWaitForReceiptAsync(unknown, Ids.New(), Ids.New(), None))).AssetId);
    }

    [Fact]
    public async Task UpdateFor_updates_for_the_owner_and_publishes_the_authorization()
    {
        var asset = await AnchorAsAliceAsync();
        var authorization = Ids.New();

        var receipt = await _f.Operator.Registry.UpdateForRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), authorization, None);

        Assert.Equal(2UL, receipt.SingleEvent<AssetUpdatedEvent>().Version);
        AssertActedOnBehalf<UpdateForFunction>(receipt, asset, _f.Alice.Address, authorization);
        await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Registry.UpdateForRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), authorization, None));
        await Revert.With<ZeroAuthorizationError>(() => _f.Operator.Registry.UpdateForRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), Ids.Zero, None));
        await Revert.With<AssetNotFoundError>(() => _f.Operator.Registry.UpdateForRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.New(), authorization, None));
    }

    [Fact]
    public async Task Ownership_moves_in_two_steps_offer_then_accept_by_the_pending_owner_only()
    {
        var asset = await AnchorAsAliceAsync();

        var offered = (await _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, None)).SingleEvent<TransferOfferedEvent>();
        Assert.Equal(asset, offered.AssetId);
        Assert.Equal(_f.Alice.Address, offered.Owner, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, offered.NewOwner, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, (await _f.Stranger.Registry.GetAssetQueryAsync(asset, None)).PendingOwner, ignoreCase: true);
        var notPending = await Revert.With<NotPendingOwnerError>(() => _f.Carol.Registry.AcceptTransferRequestAndWaitForReceiptAsync(asset, None));
        Assert.Equal(asset, notPending.AssetId);
        Assert.Equal(_f.Carol.Address, notPending.Account, ignoreCase: true);

        var moved = (await _f.Bob.Registry.AcceptTransferRequestAndWaitForReceiptAsync(asset, None)).SingleEvent<AssetOwnershipTransferredEvent>();

        Assert.Equal(asset, moved.AssetId);
        Assert.Equal(_f.Alice.Address, moved.PreviousOwner, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, moved.NewOwner, ignoreCase: true);
        var stored = await _f.Stranger.Registry.GetAssetQueryAsync(asset, None);
        Assert.Equal(_f.Bob.Address, stored.Owner, ignoreCase: true);
        Assert.Equal(Ids.ZeroAddress, stored.PendingOwner, ignoreCase: true);
        Assert.Equal(asset, (await Revert.With<NoPendingTransferError>(() => _f.Bob.Registry.AcceptTransferRequestAndWaitForReceiptAsync(asset, None))).AssetId);
        await Revert.With<NotAssetOwnerError>(() => _f.Alice.Registry.UpdateRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), None));
    }

    [Fact]
    public async Task An_offer_to_nobody_or_to_oneself_or_by_a_non_owner_is_refused()
    {
        var asset = await AnchorAsAliceAsync();

        Assert.Equal(Ids.ZeroAddress, (await Revert.With<InvalidNewOwnerError>(() => _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, Ids.ZeroAddress, None))).NewOwner, ignoreCase: true);
        Assert.Equal(_f.Alice.Address, (await Revert.With<InvalidNewOwnerError>(() => _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Alice.Address, None))).NewOwner, ignoreCase: true);
        await Revert.With<NotAssetOwnerError>(() => _f.Bob.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, None));
        await Revert.With<AssetNotFoundError>(() => _f.Bob.Registry.OfferTransferRequestAndWaitForReceiptAsync(Ids.New(), _f.Carol.Address, None));
    }

    [Fact]
    public async Task The_owner_cancels_a_pending_offer()
    {
        var asset = await AnchorAsAliceAsync();
        await _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, None);
        await Revert.With<NotAssetOwnerError>(() => _f.Bob.Registry.CancelOfferRequestAndWaitForReceiptAsync(asset, None));

        var cancelled = (await _f.Alice.Registry.CancelOfferRequestAndWaitForReceiptAsync(asset, None)).SingleEvent<TransferOfferCancelledEvent>();

        Assert.Equal(asset, cancelled.AssetId);
        Assert.Equal(_f.Alice.Address, cancelled.Owner, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, cancelled.NewOwner, ignoreCase: true);
        Assert.Equal(asset, (await Revert.With<NoPendingTransferError>(() => _f.Alice.Registry.CancelOfferRequestAndWaitForReceiptAsync(asset, None))).AssetId);
        await Revert.With<NoPendingTransferError>(() => _f.Bob.Registry.AcceptTransferRequestAndWaitForReceiptAsync(asset, None));
    }

    [Fact]
    public async Task The_registrar_offers_cancels_and_accepts_on_behalf_of_owners()
    {
        var asset = await AnchorAsAliceAsync();
        var registrar = _f.Operator.Registry;
        var authorization = Ids.New();

        var offer = await registrar.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, authorization, None);
        Assert.Equal(_f.Alice.Address, offer.SingleEvent<TransferOfferedEvent>().Owner, ignoreCase: true);
        AssertActedOnBehalf<OfferTransferForFunction>(offer, asset, _f.Alice.Address, authorization);

        var cancel = await registrar.CancelOfferForRequestAndWaitForReceiptAsync(asset, authorization, None);
        Assert.Equal(_f.Bob.Address, cancel.SingleEvent<TransferOfferCancelledEvent>().NewOwner, ignoreCase: true);
        AssertActedOnBehalf<CancelOfferForFunction>(cancel, asset, _f.Alice.Address, authorization);
        await Revert.With<NoPendingTransferError>(() => registrar.CancelOfferForRequestAndWaitForReceiptAsync(asset, authorization, None));
        await Revert.With<NoPendingTransferError>(() => registrar.AcceptTransferForRequestAndWaitForReceiptAsync(asset, authorization, None));

        await registrar.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Carol.Address, authorization, None);
        var accept = await registrar.AcceptTransferForRequestAndWaitForReceiptAsync(asset, authorization, None);
        var moved = accept.SingleEvent<AssetOwnershipTransferredEvent>();
        Assert.Equal(_f.Alice.Address, moved.PreviousOwner, ignoreCase: true);
        Assert.Equal(_f.Carol.Address, moved.NewOwner, ignoreCase: true);
        AssertActedOnBehalf<AcceptTransferForFunction>(accept, asset, _f.Carol.Address, authorization);
    }

    [Fact]
    public async Task The_registrar_variants_are_refused_without_the_role_or_an_authorization()
    {
        var asset = await AnchorAsAliceAsync();
        var owner = _f.Alice.Registry;

        await Revert.With<AccessControlUnauthorizedAccountError>(() => owner.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, Ids.New(), None));
        await Revert.With<AccessControlUnauthorizedAccountError>(() => owner.CancelOfferForRequestAndWaitForReceiptAsync(asset, Ids.New(), None));
        await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Bob.Registry.AcceptTransferForRequestAndWaitForReceiptAsync(asset, Ids.New(), None));
        await Revert.With<ZeroAuthorizationError>(() => _f.Operator.Registry.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, Ids.Zero, None));
        await Revert.With<ZeroAuthorizationError>(() => _f.Operator.Registry.CancelOfferForRequestAndWaitForReceiptAsync(asset, Ids.Zero, None));
        await Revert.With<ZeroAuthorizationError>(() => _f.Operator.Registry.AcceptTransferForRequestAndWaitForReceiptAsync(asset, Ids.Zero, None));
    }

    [Fact]
    public async Task Lookups_of_an_unknown_asset_revert_AssetNotFound()
    {
        var unknown = Ids.New();
        var registry = _f.Stranger.Registry;

        Assert.Equal(unknown, (await Revert.With<AssetNotFoundError>(() => registry.GetAssetQueryAsync(unknown, None))).AssetId);
        await Revert.With<AssetNotFoundError>(() => registry.OwnerOfQueryAsync(unknown, None));
        await Revert.With<AssetNotFoundError>(() => registry.ContentHashOfQueryAsync(unknown, None));
        await Revert.With<AssetNotFoundError>(() => registry.ParentsOfQueryAsync(unknown, None));
    }

    private async Task<byte[]> AnchorAsAliceAsync()
    {
        var asset = Ids.New();
        await _f.Alice.Registry.AnchorRequestAndWaitForReceiptAsync(asset, Ids.New(), [], Ids.New(), None);
        return asset;
    }

    private void AssertActedOnBehalf<TFunction>(ContractReceipt receipt, byte[] asset, string account, byte[] authorization)
        where TFunction : FunctionMessage, new()
    {
        var acted = receipt.SingleEvent<ActedOnBehalfEvent>(_f.Contracts.AssetAnchorRegistry);
        Assert.Equal(asset, acted.AssetId);
        Assert.Equal(_f.Operator.Address, acted.Registrar, ignoreCase: true);
        Assert.Equal(account, acted.Account, ignoreCase: true);
        Assert.Equal("0x" + ABITypedRegistry.GetFunctionABI<TFunction>().Sha3Signature, Hex.Encode(acted.Action));
        Assert.Equal(authorization, acted.Authorization);
    }
}
