// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title AssetAnchorRegistry
/// @notice On-chain anchors of ML assets (datasets, models, pipelines, endpoints): content hash,
/// metadata hash, owner and lineage parents, with a two-step ownership transfer.
/// @dev Every owner action exists twice: `x(...)`, called by the owner's own account, and
/// `xFor(..., authorization)`, called by REGISTRAR_ROLE on the owner's behalf after the Registry
/// app has verified the owner's DID signature off chain. `authorization` is the hash of that
/// signed request (for example keccak256 of the JWS); it is not checked on chain, only required to be
/// non-zero and published in `ActedOnBehalf`, so an auditor can match every registrar action to
/// the signed request that allowed it.
/// Parents are fixed at anchoring and must already exist, so the lineage graph is acyclic by
/// construction; an asset whose lineage changes is anchored again under a new id.
contract AssetAnchorRegistry is AccessControl {
    /// @notice Role allowed to act on behalf of owners (the Registry app).
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Most parents one asset may name.
    uint256 public constant MAX_PARENTS = 64;

    struct Asset {
        address owner;
        uint64 version;
        uint64 anchoredAt;
        address pendingOwner;
        uint64 updatedAt;
        bytes32 contentHash;
        bytes32 metadataHash;
        bytes32[] parentIds;
    }

    /// @notice The asset id was zero.
    error ZeroAssetId();
    /// @notice The content hash was zero.
    error ZeroContentHash();
    /// @notice The owner of a new anchor was the zero address.
    error ZeroOwner();
    /// @notice The registrar passed a zero authorization hash.
    error ZeroAuthorization();
    /// @notice The asset id is already anchored.
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
    /// @param account The caller (or the account the registrar acted for).
    error NotAssetOwner(bytes32 assetId, address account);
    /// @notice The offered new owner is zero or already the owner.
    /// @param newOwner The rejected account.
    error InvalidNewOwner(address newOwner);
    /// @notice There is no pending transfer offer for the asset.
    /// @param assetId The asset.
    error NoPendingTransfer(bytes32 assetId);
    /// @notice The account is not the one the asset was offered to.
    /// @param assetId The asset.
    /// @param account The caller (or the account the registrar acted for).
    error NotPendingOwner(bytes32 assetId, address account);

    /// @notice An asset was anchored (version 1).
    event AssetAnchored(
        bytes32 indexed assetId, address indexed owner, bytes32 contentHash, bytes32 metadataHash, bytes32[] parentIds
    );
    /// @notice An asset's content or metadata hash changed.
    event AssetUpdated(bytes32 indexed assetId, uint64 version, bytes32 contentHash, bytes32 metadataHash);
    /// @notice The owner offered the asset to `newOwner` (replaces an earlier offer).
    event TransferOffered(bytes32 indexed assetId, address indexed owner, address indexed newOwner);
    /// @notice The owner withdrew the offer to `newOwner`.
    event TransferOfferCancelled(bytes32 indexed assetId, address indexed owner, address indexed newOwner);
    /// @notice The offered account accepted; it now owns the asset.
    event AssetOwnershipTransferred(bytes32 indexed assetId, address indexed previousOwner, address indexed newOwner);
    /// @notice A registrar performed `action` (the function selector) on behalf of `account`.
    event ActedOnBehalf(
        bytes32 indexed assetId, address indexed registrar, address indexed account, bytes4 action, bytes32 authorization
    );

    mapping(bytes32 assetId => Asset) private _assets;

    /// @dev Registrar actions must name the signed request that allowed them.
    modifier nonZeroAuthorization(bytes32 authorization) {
        if (authorization == bytes32(0)) revert ZeroAuthorization();
        _;
    }

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants REGISTRAR_ROLE).
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- anchoring

    /// @notice Anchors a new asset owned by the caller.
    /// @param assetId Application asset id (non-zero, unused).
    /// @param contentHash Hash of the asset content (non-zero).
    /// @param parentIds Anchored assets this one derives from (at most MAX_PARENTS, no repeats).
    /// @param metadataHash Hash of the metadata document (may be zero).
    function anchor(bytes32 assetId, bytes32 contentHash, bytes32[] calldata parentIds, bytes32 metadataHash) external {
        _anchor(assetId, contentHash, msg.sender, parentIds, metadataHash);
    }

    /// @notice Anchors a new asset for `owner`, on the strength of the owner's verified signature.
    /// @param assetId Application asset id (non-zero, unused).
    /// @param contentHash Hash of the asset content (non-zero).
    /// @param owner The owner (non-zero).
    /// @param parentIds Anchored parents (at most MAX_PARENTS, no repeats).
    /// @param metadataHash Hash of the metadata document (may be zero).
    /// @param authorization Hash of the owner's signed request (non-zero).
    function anchorFor(
        bytes32 assetId,
        bytes32 contentHash,
        address owner,
        bytes32[] calldata parentIds,
        bytes32 metadataHash,
        bytes32 authorization
    ) external onlyRole(REGISTRAR_ROLE) nonZeroAuthorization(authorization) {
        _anchor(assetId, contentHash, owner, parentIds, metadataHash);
        _actedOnBehalf(assetId, owner, authorization);
    }

    /// @notice Replaces the content and metadata hashes; the version goes up by one.
    /// @param assetId The asset (caller must own it).
    /// @param contentHash New content hash (non-zero).
    /// @param metadataHash New metadata hash.
    function update(bytes32 assetId, bytes32 contentHash, bytes32 metadataHash) external {
        _update(assetId, msg.sender, contentHash, metadataHash);
    }

    /// @notice `update` on behalf of the asset's owner.
    /// @param assetId The asset.
    /// @param contentHash New content hash (non-zero).
    /// @param metadataHash New metadata hash.
    /// @param authorization Hash of the owner's signed request (non-zero).
    function updateFor(bytes32 assetId, bytes32 contentHash, bytes32 metadataHash, bytes32 authorization)
        external
        onlyRole(REGISTRAR_ROLE)
        nonZeroAuthorization(authorization)
    {
        address owner = _requireAsset(assetId).owner;
        _update(assetId, owner, contentHash, metadataHash);
        _actedOnBehalf(assetId, owner, authorization);
    }

    // ---------------------------------------------------------------- ownership transfer

    /// @notice Offers the asset to `newOwner`, who must accept; replaces an earlier offer.
    /// @param assetId The asset (caller must own it).
    /// @param newOwner The proposed owner (non-zero, not the current owner).
    function offerTransfer(bytes32 assetId, address newOwner) external {
        _offerTransfer(assetId, msg.sender, newOwner);
    }

    /// @notice `offerTransfer` on behalf of the asset's owner.
    /// @param assetId The asset.
    /// @param newOwner The proposed owner.
    /// @param authorization Hash of the owner's signed request (non-zero).
    function offerTransferFor(bytes32 assetId, address newOwner, bytes32 authorization)
        external
        onlyRole(REGISTRAR_ROLE)
        nonZeroAuthorization(authorization)
    {
        address owner = _requireAsset(assetId).owner;
        _offerTransfer(assetId, owner, newOwner);
        _actedOnBehalf(assetId, owner, authorization);
    }

    /// @notice Accepts the pending offer; the caller becomes the owner.
    /// @param assetId The asset (caller must be its pending owner).
    function acceptTransfer(bytes32 assetId) external {
        _acceptTransfer(assetId, msg.sender);
    }

    /// @notice `acceptTransfer` on behalf of the pending owner.
    /// @param assetId The asset.
    /// @param authorization Hash of the pending owner's signed request (non-zero).
    function acceptTransferFor(bytes32 assetId, bytes32 authorization)
        external
        onlyRole(REGISTRAR_ROLE)
        nonZeroAuthorization(authorization)
    {
        address pendingOwner = _requireAsset(assetId).pendingOwner;
        _acceptTransfer(assetId, pendingOwner);
        _actedOnBehalf(assetId, pendingOwner, authorization);
    }

    /// @notice Withdraws the pending offer.
    /// @param assetId The asset (caller must own it).
    function cancelOffer(bytes32 assetId) external {
        _cancelOffer(assetId, msg.sender);
    }

    /// @notice `cancelOffer` on behalf of the asset's owner.
    /// @param assetId The asset.
    /// @param authorization Hash of the owner's signed request (non-zero).
    function cancelOfferFor(bytes32 assetId, bytes32 authorization)
        external
        onlyRole(REGISTRAR_ROLE)
        nonZeroAuthorization(authorization)
    {
        address owner = _requireAsset(assetId).owner;
        _cancelOffer(assetId, owner);
        _actedOnBehalf(assetId, owner, authorization);
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

    function _anchor(
        bytes32 assetId,
        bytes32 contentHash,
        address owner,
        bytes32[] calldata parentIds,
        bytes32 metadataHash
    ) private {
        if (assetId == bytes32(0)) revert ZeroAssetId();
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        if (owner == address(0)) revert ZeroOwner();
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
        asset.anchoredAt = uint64(block.timestamp);
        asset.updatedAt = uint64(block.timestamp);
        asset.contentHash = contentHash;
        asset.metadataHash = metadataHash;
        asset.parentIds = parentIds;
        emit AssetAnchored(assetId, owner, contentHash, metadataHash, parentIds);
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

    function _acceptTransfer(bytes32 assetId, address account) private {
        Asset storage asset = _requireAsset(assetId);
        address pendingOwner = asset.pendingOwner;
        if (pendingOwner == address(0)) revert NoPendingTransfer(assetId);
        if (pendingOwner != account) revert NotPendingOwner(assetId, account);
        address previousOwner = asset.owner;
        asset.owner = account;
        asset.pendingOwner = address(0);
        emit AssetOwnershipTransferred(assetId, previousOwner, account);
    }

    function _cancelOffer(bytes32 assetId, address account) private {
        Asset storage asset = _requireOwner(assetId, account);
        address pendingOwner = asset.pendingOwner;
        if (pendingOwner == address(0)) revert NoPendingTransfer(assetId);
        asset.pendingOwner = address(0);
        emit TransferOfferCancelled(assetId, account, pendingOwner);
    }

    function _actedOnBehalf(bytes32 assetId, address account, bytes32 authorization) private {
        emit ActedOnBehalf(assetId, msg.sender, account, msg.sig, authorization);
    }

    function _requireAsset(bytes32 assetId) private view returns (Asset storage asset) {
        asset = _assets[assetId];
        if (asset.owner == address(0)) revert AssetNotFound(assetId);
    }

    function _requireOwner(bytes32 assetId, address account) private view returns (Asset storage asset) {
        asset = _requireAsset(assetId);
        if (asset.owner != account) revert NotAssetOwner(assetId, account);
    }
}
