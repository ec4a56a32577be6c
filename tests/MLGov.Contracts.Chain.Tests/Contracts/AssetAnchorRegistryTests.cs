using System.Numerics;
using MLGov.Contracts.AssetAnchorRegistry;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Core.Encoding;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Transactions;
using Nethereum.Contracts;
using Nethereum.Signer;
using Nethereum.ABI.EIP712;
using Nethereum.Signer.EIP712;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class AssetAnchorRegistryTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>secp256k1 group order (SEC 2, 2.4.1).</summary>
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private readonly ContractsFixture _f;

    public AssetAnchorRegistryTests(ContractsFixture fixture) => _f = fixture;

    private AssetAnchorConsent Consent => new(_f.Record.ChainId, _f.Contracts.AssetAnchorRegistry);

    [Fact]
    public async Task Anchor_derives_the_id_from_the_sender_and_salt_and_records_the_sender_as_owner()
    {
        var registry = _f.Alice.Registry;
        var (salt, content, metadata) = (Ids.New(), Ids.New(), Ids.New());
        var expected = AssetAnchorConsent.AssetIdOf(_f.Alice.Address, salt);

        var anchored = (await registry.AnchorRequestAndWaitForReceiptAsync(salt, content, [], metadata, None)).SingleEvent<AssetAnchoredEvent>(registry.ContractAddress);

        Assert.Equal(expected, anchored.AssetId);
        Assert.Equal(expected, await registry.AssetIdOfQueryAsync(_f.Alice.Address, salt, None));
        Assert.Equal(_f.Alice.Address, anchored.Owner, ignoreCase: true);
        Assert.Equal(salt, anchored.Salt);
        Assert.Equal(content, anchored.ContentHash);
        Assert.Equal(metadata, anchored.MetadataHash);
        Assert.Empty(anchored.ParentIds);
        Assert.False(anchored.RegistrarManaged);
        Assert.False(await registry.IsRegistrarManagedQueryAsync(expected, None));
        var stored = await registry.GetAssetQueryAsync(expected, None);
        Assert.Equal(_f.Alice.Address, stored.Owner, ignoreCase: true);
        Assert.Equal(Ids.ZeroAddress, stored.PendingOwner, ignoreCase: true);
        Assert.Equal(content, stored.ContentHash);
        Assert.Equal(metadata, stored.MetadataHash);
        Assert.Equal(1UL, stored.Version);
        Assert.True(stored.AnchoredAt > 0);
        Assert.Equal(stored.AnchoredAt, stored.UpdatedAt);
        Assert.Equal(_f.Alice.Address, await registry.OwnerOfQueryAsync(expected, None), ignoreCase: true);
        Assert.Equal(content, await registry.ContentHashOfQueryAsync(expected, None));
        Assert.Empty(await registry.ParentsOfQueryAsync(expected, None));
        Assert.True(await registry.ExistsQueryAsync(expected, None));
        Assert.False(await registry.ExistsQueryAsync(Ids.New(), None));
        Assert.Equal(new BigInteger(64), await registry.MaxParentsQueryAsync(None));
        Assert.Equal(ContractRoles.Registrar, await registry.RegistrarRoleQueryAsync(None));
    }

    [Fact]
    public async Task A_front_runner_copying_the_anchor_gets_its_own_id_not_the_owners()
    {
        var salt = Ids.New();
        var squatted = (await _f.Stranger.Registry.AnchorRequestAndWaitForReceiptAsync(salt, Ids.New(), [], Ids.New(), None)).SingleEvent<AssetAnchoredEvent>().AssetId;

        var own = (await _f.Alice.Registry.AnchorRequestAndWaitForReceiptAsync(salt, Ids.New(), [], Ids.New(), None)).SingleEvent<AssetAnchoredEvent>().AssetId;

        Assert.NotEqual(squatted, own);
        Assert.Equal(_f.Alice.Address, await _f.Stranger.Registry.OwnerOfQueryAsync(own, None), ignoreCase: true);
        Assert.Equal(_f.Stranger.Address, await _f.Stranger.Registry.OwnerOfQueryAsync(squatted, None), ignoreCase: true);
    }

    [Fact]
    public async Task Anchor_with_parents_records_the_lineage_and_a_zero_metadata_hash_is_allowed()
    {
        var registry = _f.Alice.Registry;
        var p1 = await AnchorAsync(_f.Alice);
        var p2 = await AnchorAsync(_f.Bob);

        var anchored = (await registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [p1, p2], Ids.Zero, None)).SingleEvent<AssetAnchoredEvent>();

        Assert.Equal([p1, p2], anchored.ParentIds);
        Assert.Equal(Ids.Zero, anchored.MetadataHash);
        Assert.Equal([p1, p2], await registry.ParentsOfQueryAsync(anchored.AssetId, None));
    }

    [Fact]
    public async Task Anchor_refuses_a_zero_content_hash_a_used_salt_unknown_or_duplicate_parents_and_too_many_parents()
    {
        var registry = _f.Alice.Registry;
        var salt = Ids.New();
        await registry.AnchorRequestAndWaitForReceiptAsync(salt, Ids.New(), [], Ids.New(), None);
        var existing = AssetAnchorConsent.AssetIdOf(_f.Alice.Address, salt);

        await Revert.With<ZeroContentHashError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.Zero, [], Ids.New(), None));
        Assert.Equal(existing, (await Revert.With<AssetAlreadyAnchoredError>(() => registry.AnchorRequestAndWaitForReceiptAsync(salt, Ids.New(), [], Ids.New(), None))).AssetId);
        var unknown = Ids.New();
        Assert.Equal(unknown, (await Revert.With<ParentNotFoundError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [existing, unknown], Ids.New(), None))).ParentId);
        Assert.Equal(existing, (await Revert.With<DuplicateParentError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [existing, existing], Ids.New(), None))).ParentId);
        var tooMany = await Revert.With<TooManyParentsError>(() => registry.AnchorRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), [.. Enumerable.Range(0, 65).Select(_ => Ids.New())], Ids.New(), None));
        Assert.Equal(new BigInteger(65), tooMany.Count);
        Assert.Equal(new BigInteger(64), tooMany.Max);
    }

    [Fact]
    public async Task The_consent_digest_matches_the_contract_domain_and_an_independent_EIP712_signer()
    {
        var consent = Consent;
        Assert.Equal(await _f.Stranger.Registry.DomainSeparatorQueryAsync(None), consent.DomainSeparator);
        var domain = await _f.Stranger.Chain.QueryAsync<Eip712DomainFunction, Eip712DomainOutput>(_f.Contracts.AssetAnchorRegistry, new Eip712DomainFunction(), None);
        Assert.Equal(AssetAnchorConsent.DomainName, domain.Name);
        Assert.Equal(AssetAnchorConsent.DomainVersion, domain.Version);
        Assert.Equal(new BigInteger(_f.Record.ChainId), domain.ChainId);
        Assert.Equal(_f.Contracts.AssetAnchorRegistry, domain.VerifyingContract, ignoreCase: true);

        // Nethereum's EIP-712 encoder (eth_signTypedData_v4), given the types and values as a wallet would be
        var key = new EthECKey(_f.Bob.Key);
        var (salt, content, metadata, parent) = (Ids.New(), Ids.New(), Ids.New(), Ids.New());
        var typed = new TypedDataRaw
        {
            Types = new Dictionary<string, MemberDescription[]>
            {
                ["EIP712Domain"] = [Member("name", "string"), Member("version", "string"), Member("chainId", "uint256"), Member("verifyingContract", "address")],
                ["Anchor"] = [Member("owner", "address"), Member("salt", "bytes32"), Member("contentHash", "bytes32"), Member("metadataHash", "bytes32"), Member("parentIds", "bytes32[]"), Member("nonce", "uint256"), Member("deadline", "uint256")],
            },
            PrimaryType = "Anchor",
            DomainRawValues =
            [
                Value("string", "MLGov AssetAnchorRegistry"), Value("string", "1"), Value("uint256", new BigInteger(_f.Record.ChainId)), Value("address", _f.Contracts.AssetAnchorRegistry),
            ],
            Message =
            [
                Value("address", _f.Bob.Address), Value("bytes32", salt), Value("bytes32", content), Value("bytes32", metadata),
                Value("bytes32[]", new List<byte[]> { parent }), Value("uint256", new BigInteger(7)), Value("uint256", new BigInteger(1_900_000_000)),
            ],
        };
        var independent = Nethereum.Util.Sha3Keccack.Current.CalculateHash(new Eip712TypedDataSigner().EncodeTypedDataRaw(typed));
        var digest = consent.AnchorDigest(_f.Bob.Address, salt, content, metadata, [parent], 7, 1_900_000_000);
        Assert.Equal(independent, digest);
        var signature = AssetAnchorConsent.Sign(digest, key);
        Assert.Equal(key.GetPublicAddress(), new MessageSigner().EcRecover(digest, "0x" + Convert.ToHexString(signature)), ignoreCase: true);
    }

    private static MemberDescription Member(string name, string type) => new() { Name = name, Type = type };

    private static MemberValue Value(string type, object value) => new() { TypeName = type, Value = value };

    [Fact]
    public async Task An_owner_signed_registrar_anchor_succeeds_and_is_registrar_managed()
    {
        var registrar = _f.Operator.Registry;
        var (salt, content, metadata) = (Ids.New(), Ids.New(), Ids.New());
        var nonce = await registrar.NoncesQueryAsync(_f.Bob.Address, None);
        var deadline = await DeadlineAsync(3600);
        var digest = Consent.AnchorDigest(_f.Bob.Address, salt, content, metadata, [], nonce, deadline);

        var receipt = await registrar.AnchorForRequestAndWaitForReceiptAsync(_f.Bob.Address, salt, content, [], metadata, deadline, AssetAnchorConsent.Sign(digest, new EthECKey(_f.Bob.Key)), None);

        var anchored = receipt.SingleEvent<AssetAnchoredEvent>();
        var asset = AssetAnchorConsent.AssetIdOf(_f.Bob.Address, salt);
        Assert.Equal(asset, anchored.AssetId);
        Assert.Equal(_f.Bob.Address, anchored.Owner, ignoreCase: true);
        Assert.True(anchored.RegistrarManaged);
        AssertActedOnBehalf<AnchorForFunction>(receipt, asset, _f.Bob.Address, digest);
        Assert.Equal(nonce + 1, await registrar.NoncesQueryAsync(_f.Bob.Address, None));
        Assert.True(await registrar.IsRegistrarManagedQueryAsync(asset, None));
    }

    [Fact]
    public async Task A_forged_registrar_anchor_reverts_InvalidSigner_naming_the_forger()
    {
        var (salt, content) = (Ids.New(), Ids.New());
        var deadline = await DeadlineAsync(3600);
        var nonce = await _f.Operator.Registry.NoncesQueryAsync(_f.Bob.Address, None);
        var digest = Consent.AnchorDigest(_f.Bob.Address, salt, content, Ids.Zero, [], nonce, deadline);
        var forged = AssetAnchorConsent.Sign(digest, new EthECKey(_f.Stranger.Key));

        var exception = await Assert.ThrowsAsync<ChainRevertException>(() => _f.Operator.Registry.AnchorForRequestAndWaitForReceiptAsync(_f.Bob.Address, salt, content, [], Ids.Zero, deadline, forged, None));

        var error = exception.DecodeError<InvalidSignerError>();
        Assert.Equal(_f.Stranger.Address, error.Signer, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, error.Account, ignoreCase: true);
        Assert.Equal($"InvalidSigner({_f.Stranger.Address}, {_f.Bob.Address})", ContractErrors.Describe(exception.RevertData), ignoreCase: true);
        Assert.False(await _f.Stranger.Registry.ExistsQueryAsync(AssetAnchorConsent.AssetIdOf(_f.Bob.Address, salt), None));
    }

    [Fact]
    public async Task Expired_replayed_and_high_s_consents_are_refused()
    {
        var registrar = _f.Operator.Registry;
        var key = new EthECKey(_f.Carol.Key);
        var (salt, content) = (Ids.New(), Ids.New());
        var nonce = await registrar.NoncesQueryAsync(_f.Carol.Address, None);

        var past = await DeadlineAsync(0) - 1;
        var expired = AssetAnchorConsent.Sign(Consent.AnchorDigest(_f.Carol.Address, salt, content, Ids.Zero, [], nonce, past), key);
        Assert.Equal(past, (await Revert.With<SignatureExpiredError>(() => registrar.AnchorForRequestAndWaitForReceiptAsync(_f.Carol.Address, salt, content, [], Ids.Zero, past, expired, None))).Deadline);

        var deadline = await DeadlineAsync(3600);
        var digest = Consent.AnchorDigest(_f.Carol.Address, salt, content, Ids.Zero, [], nonce, deadline);
        var good = AssetAnchorConsent.Sign(digest, key);
        var s = new BigInteger(good.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        Assert.True(s <= Order / 2, "the helper signs low-s");
        var highS = (byte[])good.Clone();
        (Order - s).TryWriteBytes(highS.AsSpan(32, 32), out _, isUnsigned: true, isBigEndian: true);
        highS[64] = good[64] == 27 ? (byte)28 : (byte)27;
        Assert.Equal(highS.AsSpan(32, 32).ToArray(), (await Revert.With<ECDSAInvalidSignatureSError>(() => registrar.AnchorForRequestAndWaitForReceiptAsync(_f.Carol.Address, salt, content, [], Ids.Zero, deadline, highS, None))).S);

        // the registrar cannot use the consent for another salt (another id) than the signed one
        await Revert.With<InvalidSignerError>(() => registrar.AnchorForRequestAndWaitForReceiptAsync(_f.Carol.Address, Ids.New(), content, [], Ids.Zero, deadline, good, None));
        await registrar.AnchorForRequestAndWaitForReceiptAsync(_f.Carol.Address, salt, content, [], Ids.Zero, deadline, good, None);
        var replay = await Revert.With<InvalidSignerError>(() => registrar.AnchorForRequestAndWaitForReceiptAsync(_f.Carol.Address, salt, content, [], Ids.Zero, deadline, good, None));
        Assert.Equal(_f.Carol.Address, replay.Account, ignoreCase: true);
        Assert.NotEqual(_f.Carol.Address, replay.Signer, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(nonce + 1, await registrar.NoncesQueryAsync(_f.Carol.Address, None));
    }

    [Fact]
    public async Task AnchorFor_is_refused_without_the_registrar_role_and_for_a_zero_owner()
    {
        var deadline = await DeadlineAsync(3600);
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Stranger.Registry.AnchorForRequestAndWaitForReceiptAsync(_f.Stranger.Address, Ids.New(), Ids.New(), [], Ids.New(), deadline, new byte[65], None));
        Assert.Equal(_f.Stranger.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Registrar, denied.NeededRole);
        await Revert.With<ZeroOwnerError>(() => _f.Operator.Registry.AnchorForRequestAndWaitForReceiptAsync(Ids.ZeroAddress, Ids.New(), Ids.New(), [], Ids.New(), deadline, new byte[65], None));
    }

    [Fact]
    public async Task The_registrar_cannot_move_or_update_an_asset_its_owner_anchored_directly()
    {
        var asset = await AnchorAsync(_f.Alice);
        var deadline = await DeadlineAsync(3600);
        var key = new EthECKey(_f.Alice.Key);
        var genuineOffer = AssetAnchorConsent.Sign(Consent.OfferTransferDigest(asset, _f.Operator.Address, 0, deadline), key);
        var registrar = _f.Operator.Registry;

        Assert.Equal(asset, (await Revert.With<OwnerManagedAssetError>(() => registrar.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Operator.Address, deadline, genuineOffer, None))).AssetId);
        await Revert.With<OwnerManagedAssetError>(() => registrar.UpdateForRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), deadline, new byte[65], None));
        await _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, None);
        await Revert.With<OwnerManagedAssetError>(() => registrar.AcceptTransferForRequestAndWaitForReceiptAsync(asset, deadline, new byte[65], None));
        await Revert.With<OwnerManagedAssetError>(() => registrar.CancelOfferForRequestAndWaitForReceiptAsync(asset, deadline, new byte[65], None));
        Assert.Equal(_f.Alice.Address, await registrar.OwnerOfQueryAsync(asset, None), ignoreCase: true);
    }

    [Fact]
    public async Task The_registrar_updates_offers_cancels_and_accepts_with_each_signers_consent()
    {
        var registrar = _f.Operator.Registry;
        var deadline = await DeadlineAsync(3600);
        var alice = new EthECKey(_f.Alice.Key);
        var asset = await AnchorForAsync(_f.Alice, deadline);
        var consent = Consent;

        var (content, metadata) = (Ids.New(), Ids.New());
        var updateDigest = consent.UpdateDigest(asset, content, metadata, await registrar.NoncesQueryAsync(_f.Alice.Address, None), deadline);
        var update = await registrar.UpdateForRequestAndWaitForReceiptAsync(asset, content, metadata, deadline, AssetAnchorConsent.Sign(updateDigest, alice), None);
        Assert.Equal(2UL, update.SingleEvent<AssetUpdatedEvent>().Version);
        AssertActedOnBehalf<UpdateForFunction>(update, asset, _f.Alice.Address, updateDigest);

        var offerDigest = consent.OfferTransferDigest(asset, _f.Bob.Address, await registrar.NoncesQueryAsync(_f.Alice.Address, None), deadline);
        var offer = await registrar.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, deadline, AssetAnchorConsent.Sign(offerDigest, alice), None);
        Assert.Equal(_f.Alice.Address, offer.SingleEvent<TransferOfferedEvent>().Owner, ignoreCase: true);
        AssertActedOnBehalf<OfferTransferForFunction>(offer, asset, _f.Alice.Address, offerDigest);

        var cancelDigest = consent.CancelOfferDigest(asset, await registrar.NoncesQueryAsync(_f.Alice.Address, None), deadline);
        var cancel = await registrar.CancelOfferForRequestAndWaitForReceiptAsync(asset, deadline, AssetAnchorConsent.Sign(cancelDigest, alice), None);
        Assert.Equal(_f.Bob.Address, cancel.SingleEvent<TransferOfferCancelledEvent>().NewOwner, ignoreCase: true);
        AssertActedOnBehalf<CancelOfferForFunction>(cancel, asset, _f.Alice.Address, cancelDigest);
        Assert.Equal(asset, (await Revert.With<NoPendingTransferError>(() => registrar.AcceptTransferForRequestAndWaitForReceiptAsync(asset, deadline, new byte[65], None))).AssetId);

        await _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Carol.Address, None);
        var acceptDigest = consent.AcceptTransferDigest(asset, await registrar.NoncesQueryAsync(_f.Carol.Address, None), deadline);
        // Alice cannot accept for Carol
        await Revert.With<InvalidSignerError>(() => registrar.AcceptTransferForRequestAndWaitForReceiptAsync(asset, deadline, AssetAnchorConsent.Sign(acceptDigest, alice), None));
        var accept = await registrar.AcceptTransferForRequestAndWaitForReceiptAsync(asset, deadline, AssetAnchorConsent.Sign(acceptDigest, new EthECKey(_f.Carol.Key)), None);
        var moved = accept.SingleEvent<AssetOwnershipTransferredEvent>();
        Assert.Equal(_f.Alice.Address, moved.PreviousOwner, ignoreCase: true);
        Assert.Equal(_f.Carol.Address, moved.NewOwner, ignoreCase: true);
        AssertActedOnBehalf<AcceptTransferForFunction>(accept, asset, _f.Carol.Address, acceptDigest);
        Assert.True(await registrar.IsRegistrarManagedQueryAsync(asset, None));
    }

    [Fact]
    public async Task The_registrar_variants_are_refused_without_the_role()
    {
        var deadline = await DeadlineAsync(3600);
        var asset = await AnchorForAsync(_f.Alice, deadline);
        var owner = _f.Alice.Registry;

        await Revert.With<AccessControlUnauthorizedAccountError>(() => owner.UpdateForRequestAndWaitForReceiptAsync(asset, Ids.New(), Ids.New(), deadline, new byte[65], None));
        await Revert.With<AccessControlUnauthorizedAccountError>(() => owner.OfferTransferForRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, deadline, new byte[65], None));
        await Revert.With<AccessControlUnauthorizedAccountError>(() => owner.CancelOfferForRequestAndWaitForReceiptAsync(asset, deadline, new byte[65], None));
        await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Bob.Registry.AcceptTransferForRequestAndWaitForReceiptAsync(asset, deadline, new byte[65], None));
        await Revert.With<AssetNotFoundError>(() => _f.Operator.Registry.UpdateForRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.New(), deadline, new byte[65], None));
    }

    [Fact]
    public async Task Update_by_the_owner_bumps_the_version_and_anyone_else_is_refused()
    {
        var asset = await AnchorAsync(_f.Alice);
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
    public async Task Ownership_moves_in_two_steps_offer_then_accept_by_the_pending_owner_only()
    {
        var asset = await AnchorAsync(_f.Alice);

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
        var asset = await AnchorAsync(_f.Alice);

        Assert.Equal(Ids.ZeroAddress, (await Revert.With<InvalidNewOwnerError>(() => _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, Ids.ZeroAddress, None))).NewOwner, ignoreCase: true);
        Assert.Equal(_f.Alice.Address, (await Revert.With<InvalidNewOwnerError>(() => _f.Alice.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Alice.Address, None))).NewOwner, ignoreCase: true);
        await Revert.With<NotAssetOwnerError>(() => _f.Bob.Registry.OfferTransferRequestAndWaitForReceiptAsync(asset, _f.Bob.Address, None));
        await Revert.With<AssetNotFoundError>(() => _f.Bob.Registry.OfferTransferRequestAndWaitForReceiptAsync(Ids.New(), _f.Carol.Address, None));
    }

    [Fact]
    public async Task The_owner_cancels_a_pending_offer()
    {
        var asset = await AnchorAsync(_f.Alice);
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
    public async Task Lookups_of_an_unknown_asset_revert_AssetNotFound()
    {
        var unknown = Ids.New();
        var registry = _f.Stranger.Registry;

        Assert.Equal(unknown, (await Revert.With<AssetNotFoundError>(() => registry.GetAssetQueryAsync(unknown, None))).AssetId);
        await Revert.With<AssetNotFoundError>(() => registry.OwnerOfQueryAsync(unknown, None));
        await Revert.With<AssetNotFoundError>(() => registry.ContentHashOfQueryAsync(unknown, None));
        await Revert.With<AssetNotFoundError>(() => registry.ParentsOfQueryAsync(unknown, None));
        await Revert.With<AssetNotFoundError>(() => registry.IsRegistrarManagedQueryAsync(unknown, None));
    }

    private static async Task<byte[]> AnchorAsync(TestAccount owner)
    {
        var salt = Ids.New();
        await owner.Registry.AnchorRequestAndWaitForReceiptAsync(salt, Ids.New(), [], Ids.New(), None);
        return AssetAnchorConsent.AssetIdOf(owner.Address, salt);
    }

    private async Task<byte[]> AnchorForAsync(TestAccount owner, BigInteger deadline)
    {
        var (salt, content) = (Ids.New(), Ids.New());
        var nonce = await _f.Operator.Registry.NoncesQueryAsync(owner.Address, None);
        var signature = AssetAnchorConsent.Sign(Consent.AnchorDigest(owner.Address, salt, content, Ids.Zero, [], nonce, deadline), new EthECKey(owner.Key));
        await _f.Operator.Registry.AnchorForRequestAndWaitForReceiptAsync(owner.Address, salt, content, [], Ids.Zero, deadline, signature, None);
        return AssetAnchorConsent.AssetIdOf(owner.Address, salt);
    }

    private async Task<BigInteger> DeadlineAsync(ulong secondsFromNow) => new BigInteger(await _f.Anvil.LatestTimestampAsync()) + secondsFromNow;

    private void AssertActedOnBehalf<TFunction>(ContractReceipt receipt, byte[] asset, string account, byte[] digest)
        where TFunction : FunctionMessage, new()
    {
        var acted = receipt.SingleEvent<ActedOnBehalfEvent>(_f.Contracts.AssetAnchorRegistry);
        Assert.Equal(asset, acted.AssetId);
        Assert.Equal(_f.Operator.Address, acted.Registrar, ignoreCase: true);
        Assert.Equal(account, acted.Account, ignoreCase: true);
        Assert.Equal("0x" + ABITypedRegistry.GetFunctionABI<TFunction>().Sha3Signature, Hex.Encode(acted.Action));
        Assert.Equal(digest, acted.Digest);
    }
}
