// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title AssetAnchorRegistry
/// @notice On-chain anchors of ML assets (datasets, models, pipelines, endpoints): content hash,
/// metadata hash, owner and lineage parents, with a two-step ownership transfer.
/// @dev Asset ids are derived on chain from the owner and a salt the owner picks:
/// `assetIdOf(owner, salt) = keccak256(abi.encode(owner, salt))`, so an id seen in the mempool cannot
/// be squatted: a front-runner copying `anchor(salt, ...)` anchors its own id, not the owner's.
///
/// Every owner action exists twice: `x(...)`, called by the owner's own account, and
/// `xFor(..., deadline, signature)`, called by REGISTRAR_ROLE (the Registry app) with the owner's
/// EIP-712 signature of the action, checked here: domain (name "MLGov AssetAnchorRegistry", version
/// "1", chainId, verifyingContract this contract), one typed struct per action carrying the signer's
/// next nonce (`nonces(account)`, used up by the call) and a deadline (the last valid timestamp).
/// Signatures are recovered with OpenZeppelin ECDSA, which refuses malleable (high-s) signatures; only
/// EOA owners can sign. An asset anchored (or accepted) by its owner's own account is owner-managed:
/// the registrar cannot update, offer, accept or cancel anything for it, signature or not.
///
/// Parents are fixed at anchoring and must already exist, so the lineage graph is acyclic by
/// construction; an asset whose lineage changes is anchored again under a new id.
contract AssetAnchorRegistry is AccessControlDefaultAdminRules, EIP712, Nonces {
    /// @notice Role allowed to act on behalf of owners who signed (the Registry app).
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Most parents one asset may name.
    uint256 public constant MAX_PARENTS = 64;
    /// @notice EIP-712 type of an owner's consent to `anchorFor` (parentIds hashed as an EIP-712 array).
    bytes32 public constant ANCHOR_TYPEHASH = keccak256(
        "Anchor(address owner,bytes32 salt,bytes32 contentHash,bytes32 metadataHash,bytes32[] parentIds,uint256 nonce,uint256 deadline)"
    );
    /// @notice EIP-712 type of an owner's consent to `updateFor`.
    bytes32 public constant UPDATE_TYPEHASH =
        keccak256("Update(bytes32 assetId,bytes32 contentHash,bytes32 metadataHash,uint256 nonce,uint256 deadline)");
    /// @notice EIP-712 type of an owner's consent to `offerTransferFor`.
    bytes32 public constant OFFER_TRANSFER_TYPEHASH =
        keccak256("OfferTransfer(bytes32 assetId,address newOwner,uint256 nonce,uint256 deadline)");
    /// @notice EIP-712 type of the pending owner's consent to `acceptTransferFor`.
    bytes32 public constant ACCEPT_TRANSFER_TYPEHASH =
        keccak256("AcceptTransfer(bytes32 assetId,uint256 nonce,uint256 deadline)");
    /// @notice EIP-712 type of an owner's consent to `cancelOfferFor`.
    bytes32 public constant CANCEL_OFFER_TYPEHASH = keccak256("CancelOffer(bytes32 assetId,uint256 nonce,uint256 deadline)");

    struct Asset {
        address owner;
        uint64 version;
        bool registrarManaged;
        address pendingOwner;
        uint64 anchoredAt;
        uint64 updatedAt;
        bytes32 contentHash;
        bytes32 metadataHash;
        bytes32[] parentIds;
    }

    /// @notice The content hash was zero.
    error ZeroContentHash();
    /// @notice The owner of a new anchor was the zero address.
    error ZeroOwner();
    /// @notice The asset id (derived from owner and salt) is already anchored.
    /// @param assetId The asset.
    error AssetAlreadyAnchored(bytes32 assetId);
    /// @notice No asset is anchored under this id.
    /// @param assetId The asset.
    error AssetNotFound(bytes32 assetId);
    /// @notice A named parent is not anchored.
    /// @param parentId The parent.
    error ParentNotFound(bytes32 parentId);
    /// @notice A parent was named twice.
    /// @param parentId The parent.
    error DuplicateParent(bytes32 parentId);
    /// @notice More than MAX_PARENTS parents were named.
    /// @param count Parents named.
    /// @param max The limit.
    error TooManyParents(uint256 count, uint256 max);
    /// @notice The account is not the asset's owner.
    /// @param assetId The asset.
    /// @param account The caller.
    error NotAssetOwner(bytes32 assetId, address account);
    /// @notice The offered new owner is zero or already the owner.
    /// @param newOwner The rejected account.
    error InvalidNewOwner(address newOwner);
    /// @notice There is no pending transfer offer for the asset.
    /// @param assetId The asset.
    error NoPendingTransfer(bytes32 assetId);
    /// @notice The account is not the one the asset was offered to.
    /// @param assetId The asset.
    /// @param account The caller.
    error NotPendingOwner(bytes32 assetId, address account);
    /// @notice The asset is managed by its owner's own account; the registrar cannot act for it.
    /// @param assetId The asset.
    error OwnerManagedAsset(bytes32 assetId);
    /// @notice The signature's deadline has passed.
    /// @param deadline The last timestamp at which it was valid.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature was not made by the account the registrar acts for (wrong key, wrong
    /// fields, a used nonce, another chain or another contract all recover another signer).
    /// @param signer The address the signature recovers to.
    /// @param account The account whose signature was required.
    error InvalidSigner(address signer, address account);

    /// @notice An asset was anchored (version 1); `registrarManaged` when the registrar anchored it for a signing owner.
    event AssetAnchored(
        bytes32 indexed assetId,
        address indexed owner,
        bytes32 salt,
        bytes32 contentHash,
        bytes32 metadataHash,
        bytes32[] parentIds,
        bool registrarManaged
    );
    /// @notice An asset's content or metadata hash changed.
    event AssetUpdated(bytes32 indexed assetId, uint64 version, bytes32 contentHash, bytes32 metadataHash);
    /// @notice The owner offered the asset to `newOwner` (replaces an earlier offer).
    event TransferOffered(bytes32 indexed assetId, address indexed owner, address indexed newOwner);
    /// @notice The owner withdrew the offer to `newOwner`.
    event TransferOfferCancelled(bytes32 indexed assetId, address indexed owner, address indexed newOwner);
    /// @notice The offered account accepted; it now owns the asset.
    event AssetOwnershipTransferred(bytes32 indexed assetId, address indexed previousOwner, address indexed newOwner);
    /// @notice A registrar performed `action` (the function selector) for `account`, who signed the EIP-712 `digest`.
    event ActedOnBehalf(
        bytes32 indexed assetId, address indexed registrar, address indexed account, bytes4 action, bytes32 digest
    );

    mapping(bytes32 assetId => Asset) private _assets;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants REGISTRAR_ROLE).
    /// @param adminDelay Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE.
    constructor(address admin, uint48 adminDelay)
        AccessControlDefaultAdminRules(adminDelay, admin)
        EIP712("MLGov AssetAnchorRegistry", "1")
    {}

    // ---------------------------------------------------------------- anchoring

    /// @notice Anchors a new asset owned by the caller under `assetIdOf(msg.sender, salt)`; the
    /// registrar can never act for it.
    /// @param salt Chosen by the owner (e.g. keccak256 of the app's asset id); one asset per owner and salt.
    /// @param contentHash Hash of the asset content (non-zero).
    /// @param parentIds Anchored assets this one derives from (at most MAX_PARENTS, no repeats).
    /// @param metadataHash Hash of the metadata document (may be zero).
    /// @return assetId The new asset's id.
    function anchor(bytes32 salt, bytes32 contentHash, bytes32[] calldata parentIds, bytes32 metadataHash)
        external
        returns (bytes32 assetId)
    {
        assetId = _anchor(msg.sender, salt, contentHash, parentIds, metadataHash, bytes32(0));
    }

    /// @notice Anchors a new asset for `owner` under `assetIdOf(owner, salt)`, with the owner's
    /// EIP-712 `Anchor` signature; the asset is registrar-managed.
    /// @param owner The owner (non-zero), who signed.
    /// @param salt Chosen by the owner.
    /// @param contentHash Hash of the asset content (non-zero).
    /// @param parentIds Anchored parents (at most MAX_PARENTS, no repeats).
    /// @param metadataHash Hash of the metadata document (may be zero).
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The owner's 65-byte signature (r, s, v) of the typed data.
    /// @return assetId The new asset's id.
    function anchorFor(
        address owner,
        bytes32 salt,
        bytes32 contentHash,
        bytes32[] calldata parentIds,
        bytes32 metadataHash,
        uint256 deadline,
        bytes calldata signature
    ) external onlyRole(REGISTRAR_ROLE) returns (bytes32 assetId) {
        bytes32 digest = _verifyAnchor(owner, salt, contentHash, parentIds, metadataHash, deadline, signature);
        assetId = _anchor(owner, salt, contentHash, parentIds, metadataHash, digest);
    }

    /// @notice Replaces the content and metadata hashes; the version goes up by one.
    /// @param assetId The asset (caller must own it).
    /// @param contentHash New content hash (non-zero).
    /// @param metadataHash New metadata hash.
    function update(bytes32 assetId, bytes32 contentHash, bytes32 metadataHash) external {
        _update(assetId, msg.sender, contentHash, metadataHash);
    }

    /// @notice `update` of a registrar-managed asset, with its owner's EIP-712 `Update` signature.
    /// @param assetId The asset.
    /// @param contentHash New content hash (non-zero).
    /// @param metadataHash New metadata hash.
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The owner's signature.
    function updateFor(
        bytes32 assetId,
        bytes32 contentHash,
        bytes32 metadataHash,
        uint256 deadline,
        bytes calldata signature
    ) external onlyRole(REGISTRAR_ROLE) {
        address owner = _requireRegistrarManaged(assetId).owner;
        bytes32 digest = _verify(
            owner,
            keccak256(abi.encode(UPDATE_TYPEHASH, assetId, contentHash, metadataHash, _useNonce(owner), deadline)),
            deadline,
            signature
        );
        _update(assetId, owner, contentHash, metadataHash);
        _actedOnBehalf(assetId, owner, digest);
    }

    // ---------------------------------------------------------------- ownership transfer

    /// @notice Offers the asset to `newOwner`, who must accept; replaces an earlier offer.
    /// @param assetId The asset (caller must own it).
    /// @param newOwner The proposed owner (non-zero, not the current owner).
    function offerTransfer(bytes32 assetId, address newOwner) external {
        _offerTransfer(assetId, msg.sender, newOwner);
    }

    /// @notice `offerTransfer` of a registrar-managed asset, with its owner's EIP-712 `OfferTransfer` signature.
    /// @param assetId The asset.
    /// @param newOwner The proposed owner.
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The owner's signature.
    function offerTransferFor(bytes32 assetId, address newOwner, uint256 deadline, bytes calldata signature)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        address owner = _requireRegistrarManaged(assetId).owner;
        bytes32 digest = _verify(
            owner,
            keccak256(abi.encode(OFFER_TRANSFER_TYPEHASH, assetId, newOwner, _useNonce(owner), deadline)),
            deadline,
            signature
        );
        _offerTransfer(assetId, owner, newOwner);
        _actedOnBehalf(assetId, owner, digest);
    }

    /// @notice Accepts the pending offer; the caller becomes the owner, and the asset owner-managed.
    /// @param assetId The asset (caller must be its pending owner).
    function acceptTransfer(bytes32 assetId) external {
        _acceptTransfer(assetId, msg.sender, false);
    }

    /// @notice `acceptTransfer` of a registrar-managed asset, with the pending owner's EIP-712
    /// `AcceptTransfer` signature; the asset stays registrar-managed.
    /// @param assetId The asset.
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The pending owner's signature.
    function acceptTransferFor(bytes32 assetId, uint256 deadline, bytes calldata signature)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        address pendingOwner = _requireRegistrarManaged(assetId).pendingOwner;
        if (pendingOwner == address(0)) revert NoPendingTransfer(assetId);
        bytes32 digest = _verify(
            pendingOwner,
            keccak256(abi.encode(ACCEPT_TRANSFER_TYPEHASH, assetId, _useNonce(pendingOwner), deadline)),
            deadline,
            signature
        );
        _acceptTransfer(assetId, pendingOwner, true);
        _actedOnBehalf(assetId, pendingOwner, digest);
    }

    /// @notice Withdraws the pending offer.
    /// @param assetId The asset (caller must own it).
    function cancelOffer(bytes32 assetId) external {
        _cancelOffer(assetId, msg.sender);
    }

    /// @notice `cancelOffer` of a registrar-managed asset, with its owner's EIP-712 `CancelOffer` signature.
    /// @param assetId The asset.
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The owner's signature.
    function cancelOfferFor(bytes32 assetId, uint256 deadline, bytes calldata signature)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        address owner = _requireRegistrarManaged(assetId).owner;
        bytes32 digest = _verify(
            owner, keccak256(abi.encode(CANCEL_OFFER_TYPEHASH, assetId, _useNonce(owner), deadline)), deadline, signature
        );
        _cancelOffer(assetId, owner);
        _actedOnBehalf(assetId, owner, digest);
    }

    // ---------------------------------------------------------------- lookups

    /// @notice Whether an asset is anchored under `assetId`.
    /// @param assetId The asset.
    /// @return True when anchored.
    function exists(bytes32 assetId) external view returns (bool) {
        return _assets[assetId].owner != address(0);
    }

    /// @notice The anchor of an asset; reverts AssetNotFound when there is none.
    /// @param assetId The asset.
    /// @return owner Current owner.
    /// @return pendingOwner Account of the pending transfer offer, or zero.
    /// @return contentHash Current content hash.
    /// @return metadataHash Current metadata hash.
    /// @return version 1 at anchoring, plus one per update.
    /// @return anchoredAt Block timestamp of the anchoring.
    /// @return updatedAt Block timestamp of the last anchor or update.
    function getAsset(bytes32 assetId)
        external
        view
        returns (
            address owner,
            address pendingOwner,
            bytes32 contentHash,
            bytes32 metadataHash,
            uint64 version,
            uint64 anchoredAt,
            uint64 updatedAt
        )
    {
        Asset storage asset = _requireAsset(assetId);
        return (
            asset.owner,
            asset.pendingOwner,
            asset.contentHash,
            asset.metadataHash,
            asset.version,
            asset.anchoredAt,
            asset.updatedAt
        );
    }

    /// @notice The id an asset of `owner` anchored with `salt` has: keccak256(abi.encode(owner, salt)).
    /// @param owner The owner.
    /// @param salt The owner's salt.
    /// @return The asset id.
    function assetIdOf(address owner, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(owner, salt));
    }

    /// @notice Whether the registrar may act for the asset's owner (it anchored the asset for a signing
    /// owner); false for owner-managed assets. Reverts AssetNotFound when there is none.
    /// @param assetId The asset.
    /// @return True when registrar-managed.
    function isRegistrarManaged(bytes32 assetId) external view returns (bool) {
        return _requireAsset(assetId).registrarManaged;
    }

    /// @notice The EIP-712 domain separator the owners' signatures are made under.
    /// @return The separator (name "MLGov AssetAnchorRegistry", version "1", this chain, this contract).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The owner of an asset; reverts AssetNotFound when there is none.
    /// @param assetId The asset.
    /// @return The owner.
    function ownerOf(bytes32 assetId) external view returns (address) {
        return _requireAsset(assetId).owner;
    }

    /// @notice The current content hash of an asset; reverts AssetNotFound when there is none.
    /// @param assetId The asset.
    /// @return The content hash.
    function contentHashOf(bytes32 assetId) external view returns (bytes32) {
        return _requireAsset(assetId).contentHash;
    }

    /// @notice The lineage parents of an asset; reverts AssetNotFound when there is none.
    /// @param assetId The asset.
    /// @return The parent ids, in anchoring order.
    function parentsOf(bytes32 assetId) external view returns (bytes32[] memory) {
        return _requireAsset(assetId).parentIds;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Anchors under assetIdOf(owner, salt); `digest` is the owner's signed digest when the
    /// registrar anchors (the asset is then registrar-managed), zero when the owner does.
    function _anchor(
        address owner,
        bytes32 salt,
        bytes32 contentHash,
        bytes32[] calldata parentIds,
        bytes32 metadataHash,
        bytes32 digest
    ) private returns (bytes32 assetId) {
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        assetId = assetIdOf(owner, salt);
        Asset storage asset = _assets[assetId];
        if (asset.owner != address(0)) revert AssetAlreadyAnchored(assetId);
        uint256 count = parentIds.length;
        if (count > MAX_PARENTS) revert TooManyParents(count, MAX_PARENTS);
        for (uint256 i = 0; i < count; ++i) {
            bytes32 parentId = parentIds[i];
            if (_assets[parentId].owner == address(0)) revert ParentNotFound(parentId);
            for (uint256 j = 0; j < i; ++j) {
                if (parentIds[j] == parentId) revert DuplicateParent(parentId);
            }
        }
        asset.owner = owner;
        asset.version = 1;
        bool registrarManaged = digest != bytes32(0);
        asset.registrarManaged = registrarManaged;
        asset.anchoredAt = uint64(block.timestamp);
        asset.updatedAt = uint64(block.timestamp);
        asset.contentHash = contentHash;
        asset.metadataHash = metadataHash;
        asset.parentIds = parentIds;
        emit AssetAnchored(assetId, owner, salt, contentHash, metadataHash, parentIds, registrarManaged);
        if (registrarManaged) _actedOnBehalf(assetId, owner, digest);
    }

    function _update(bytes32 assetId, address account, bytes32 contentHash, bytes32 metadataHash) private {
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        Asset storage asset = _requireOwner(assetId, account);
        uint64 version = asset.version + 1;
        asset.version = version;
        asset.updatedAt = uint64(block.timestamp);
        asset.contentHash = contentHash;
        asset.metadataHash = metadataHash;
        emit AssetUpdated(assetId, version, contentHash, metadataHash);
    }

    function _offerTransfer(bytes32 assetId, address account, address newOwner) private {
        Asset storage asset = _requireOwner(assetId, account);
        if (newOwner == address(0) || newOwner == account) revert InvalidNewOwner(newOwner);
        asset.pendingOwner = newOwner;
        emit TransferOffered(assetId, account, newOwner);
    }

    function _acceptTransfer(bytes32 assetId, address account, bool byRegistrar) private {
        Asset storage asset = _requireAsset(assetId);
        address pendingOwner = asset.pendingOwner;
        if (pendingOwner == address(0)) revert NoPendingTransfer(assetId);
        if (pendingOwner != account) revert NotPendingOwner(assetId, account);
        address previousOwner = asset.owner;
        asset.owner = account;
        asset.pendingOwner = address(0);
        asset.registrarManaged = byRegistrar;
        emit AssetOwnershipTransferred(assetId, previousOwner, account);
    }

    function _cancelOffer(bytes32 assetId, address account) private {
        Asset storage asset = _requireOwner(assetId, account);
        address pendingOwner = asset.pendingOwner;
        if (pendingOwner == address(0)) revert NoPendingTransfer(assetId);
        asset.pendingOwner = address(0);
        emit TransferOfferCancelled(assetId, account, pendingOwner);
    }

    /// @dev Checks the owner's `Anchor` signature (using up its nonce; parentIds hashed as an EIP-712 array).
    function _verifyAnchor(
        address owner,
        bytes32 salt,
        bytes32 contentHash,
        bytes32[] calldata parentIds,
        bytes32 metadataHash,
        uint256 deadline,
        bytes calldata signature
    ) private returns (bytes32) {
        if (owner == address(0)) revert ZeroOwner();
        bytes32 structHash =
            _anchorStructHash(owner, salt, contentHash, metadataHash, keccak256(abi.encodePacked(parentIds)), deadline);
        return _verify(owner, structHash, deadline, signature);
    }

    function _anchorStructHash(
        address owner,
        bytes32 salt,
        bytes32 contentHash,
        bytes32 metadataHash,
        bytes32 parentsHash,
        uint256 deadline
    ) private returns (bytes32) {
        return keccak256(
            abi.encode(ANCHOR_TYPEHASH, owner, salt, contentHash, metadataHash, parentsHash, _useNonce(owner), deadline)
        );
    }

    /// @dev Checks the deadline and that `signature` of the typed data `structHash` recovers to `account`.
    function _verify(address account, bytes32 structHash, uint256 deadline, bytes calldata signature)
        private
        view
        returns (bytes32 digest)
    {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        digest = _hashTypedDataV4(structHash);
        address signer = ECDSA.recoverCalldata(digest, signature);
        if (signer != account) revert InvalidSigner(signer, account);
    }

    function _actedOnBehalf(bytes32 assetId, address account, bytes32 digest) private {
        emit ActedOnBehalf(assetId, msg.sender, account, msg.sig, digest);
    }

    function _requireAsset(bytes32 assetId) private view returns (Asset storage asset) {
        asset = _assets[assetId];
        if (asset.owner == address(0)) revert AssetNotFound(assetId);
    }

    function _requireRegistrarManaged(bytes32 assetId) private view returns (Asset storage asset) {
        asset = _requireAsset(assetId);
        if (!asset.registrarManaged) revert OwnerManagedAsset(assetId);
    }

    function _requireOwner(bytes32 assetId, address account) private view returns (Asset storage asset) {
        asset = _requireAsset(assetId);
        if (asset.owner != account) revert NotAssetOwner(assetId, account);
    }
}
