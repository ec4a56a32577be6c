// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {AssetAnchorRegistry} from "../src/AssetAnchorRegistry.sol";

contract AssetAnchorRegistryTest is ContractTest {
    AssetAnchorRegistry internal registry;
    address internal admin;
    address internal registrar;
    address internal alice;
    address internal bob;
    address internal carol;

    bytes32 internal constant DATASET = keccak256("asset:dataset-1");
    bytes32 internal constant MODEL = keccak256("asset:model-1");
    bytes32 internal constant CONTENT = keccak256("content-v1");
    bytes32 internal constant CONTENT2 = keccak256("content-v2");
    bytes32 internal constant META = keccak256("metadata-v1");
    bytes32 internal constant META2 = keccak256("metadata-v2");
    bytes32 internal constant AUTH = keccak256("jws:owner-signed-request");

    function setUp() public {
        admin = makeAddr("admin");
        registrar = makeAddr("registrar");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        registry = new AssetAnchorRegistry(admin);
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.prank(admin);
        registry.grantRole(role, registrar);
    }

    function _none() internal pure returns (bytes32[] memory) {
        return new bytes32[](0);
    }

    function _one(bytes32 a) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](1);
        out[0] = a;
    }

    function _anchorDataset() internal {
        vm.prank(alice);
        registry.anchor(DATASET, CONTENT, _none(), META);
    }

    // ---------------------------------------------------------------- anchor

    function test_constructor_grantsAdmin() public view {
        vm.assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertEq(registry.REGISTRAR_ROLE(), keccak256("REGISTRAR_ROLE"));
        vm.assertEq(registry.MAX_PARENTS(), 64);
    }

    function test_anchor_recordsAndEmits() public {
        vm.warp(1_000);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetAnchored(DATASET, alice, CONTENT, META, _none());
        _anchorDataset();

        vm.assertTrue(registry.exists(DATASET));
        (
            address owner,
            address pendingOwner,
            bytes32 contentHash,
            bytes32 metadataHash,
            uint64 version,
            uint64 anchoredAt,
            uint64 updatedAt
        ) = registry.getAsset(DATASET);
        vm.assertEq(owner, alice);
        vm.assertEq(pendingOwner, address(0));
        vm.assertEq(contentHash, CONTENT);
        vm.assertEq(metadataHash, META);
        vm.assertEq(version, 1);
        vm.assertEq(anchoredAt, 1_000);
        vm.assertEq(updatedAt, 1_000);
        vm.assertEq(registry.ownerOf(DATASET), alice);
        vm.assertEq(registry.contentHashOf(DATASET), CONTENT);
        vm.assertEq(registry.parentsOf(DATASET), _none());
    }

    function test_anchor_withParents() public {
        _anchorDataset();
        bytes32 other = keccak256("asset:dataset-2");
        vm.prank(bob);
        registry.anchor(other, CONTENT2, _none(), bytes32(0));
        bytes32[] memory parents = new bytes32[](2);
        parents[0] = DATASET;
        parents[1] = other;
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetAnchored(MODEL, carol, CONTENT, META, parents);
        vm.prank(carol);
        registry.anchor(MODEL, CONTENT, parents, META);
        vm.assertEq(registry.parentsOf(MODEL), parents);
    }

    function test_anchor_revertsOnZeroAssetId() public {
        vm.expectRevert(AssetAnchorRegistry.ZeroAssetId.selector);
        vm.prank(alice);
        registry.anchor(bytes32(0), CONTENT, _none(), META);
    }

    function test_anchor_revertsOnZeroContentHash() public {
        vm.expectRevert(AssetAnchorRegistry.ZeroContentHash.selector);
        vm.prank(alice);
        registry.anchor(DATASET, bytes32(0), _none(), META);
    }

    function test_anchor_revertsWhenAlreadyAnchored() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetAlreadyAnchored.selector, DATASET));
        vm.prank(bob);
        registry.anchor(DATASET, CONTENT2, _none(), META);
    }

    function test_anchor_revertsOnMissingParent() public {
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.ParentNotFound.selector, DATASET));
        vm.prank(alice);
        registry.anchor(MODEL, CONTENT, _one(DATASET), META);
    }

    function test_anchor_revertsOnSelfParent() public {
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.ParentNotFound.selector, MODEL));
        vm.prank(alice);
        registry.anchor(MODEL, CONTENT, _one(MODEL), META);
    }

    function test_anchor_revertsOnDuplicateParent() public {
        _anchorDataset();
        bytes32[] memory parents = new bytes32[](2);
        parents[0] = DATASET;
        parents[1] = DATASET;
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.DuplicateParent.selector, DATASET));
        vm.prank(alice);
        registry.anchor(MODEL, CONTENT, parents, META);
    }

    function test_anchor_revertsOnTooManyParents() public {
        bytes32[] memory parents = new bytes32[](65);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.TooManyParents.selector, 65, 64));
        vm.prank(alice);
        registry.anchor(MODEL, CONTENT, parents, META);
    }

    // ---------------------------------------------------------------- anchorFor

    function test_anchorFor_recordsOwnerAndAuthorization() public {
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetAnchored(DATASET, alice, CONTENT, META, _none());
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(DATASET, registrar, alice, registry.anchorFor.selector, AUTH);
        vm.prank(registrar);
        registry.anchorFor(DATASET, CONTENT, alice, _none(), META, AUTH);
        vm.assertEq(registry.ownerOf(DATASET), alice);
    }

    function test_anchorFor_revertsWithoutRole() public {
        expectUnauthorized(alice, registry.REGISTRAR_ROLE());
        vm.prank(alice);
        registry.anchorFor(DATASET, CONTENT, alice, _none(), META, AUTH);
    }

    function test_anchorFor_revertsOnZeroAuthorization() public {
        vm.expectRevert(AssetAnchorRegistry.ZeroAuthorization.selector);
        vm.prank(registrar);
        registry.anchorFor(DATASET, CONTENT, alice, _none(), META, bytes32(0));
    }

    function test_anchorFor_revertsOnZeroOwner() public {
        vm.expectRevert(AssetAnchorRegistry.ZeroOwner.selector);
        vm.prank(registrar);
        registry.anchorFor(DATASET, CONTENT, address(0), _none(), META, AUTH);
    }

    // ---------------------------------------------------------------- update / updateFor

    function test_update_bumpsVersionAndEmits() public {
        vm.warp(1_000);
        _anchorDataset();
        vm.warp(2_000);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetUpdated(DATASET, 2, CONTENT2, META2);
        vm.prank(alice);
        registry.update(DATASET, CONTENT2, META2);
        (,, bytes32 contentHash, bytes32 metadataHash, uint64 version, uint64 anchoredAt, uint64 updatedAt) =
            registry.getAsset(DATASET);
        vm.assertEq(contentHash, CONTENT2);
        vm.assertEq(metadataHash, META2);
        vm.assertEq(version, 2);
        vm.assertEq(anchoredAt, 1_000);
        vm.assertEq(updatedAt, 2_000);
    }

    function test_update_revertsForNonOwner() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, DATASET, bob));
        vm.prank(bob);
        registry.update(DATASET, CONTENT2, META2);
    }

    function test_update_revertsForRegistrarWithoutFor() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, DATASET, registrar));
        vm.prank(registrar);
        registry.update(DATASET, CONTENT2, META2);
    }

    function test_update_revertsForUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, DATASET));
        vm.prank(alice);
        registry.update(DATASET, CONTENT2, META2);
    }

    function test_update_revertsOnZeroContentHash() public {
        _anchorDataset();
        vm.expectRevert(AssetAnchorRegistry.ZeroContentHash.selector);
        vm.prank(alice);
        registry.update(DATASET, bytes32(0), META2);
    }

    function test_updateFor_actsForOwner() public {
        _anchorDataset();
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetUpdated(DATASET, 2, CONTENT2, META2);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(DATASET, registrar, alice, registry.updateFor.selector, AUTH);
        vm.prank(registrar);
        registry.updateFor(DATASET, CONTENT2, META2, AUTH);
        vm.assertEq(registry.contentHashOf(DATASET), CONTENT2);
    }

    function test_updateFor_revertsWithoutRole() public {
        _anchorDataset();
        expectUnauthorized(alice, registry.REGISTRAR_ROLE());
        vm.prank(alice);
        registry.updateFor(DATASET, CONTENT2, META2, AUTH);
    }

    function test_updateFor_revertsOnZeroAuthorization() public {
        _anchorDataset();
        vm.expectRevert(AssetAnchorRegistry.ZeroAuthorization.selector);
        vm.prank(registrar);
        registry.updateFor(DATASET, CONTENT2, META2, bytes32(0));
    }

    function test_updateFor_revertsForUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, DATASET));
        vm.prank(registrar);
        registry.updateFor(DATASET, CONTENT2, META2, AUTH);
    }

    // ---------------------------------------------------------------- two-step transfer

    function test_offerAndAccept_transfersOwnership() public {
        _anchorDataset();
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOffered(DATASET, alice, bob);
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
        (, address pendingOwner,,,,,) = registry.getAsset(DATASET);
        vm.assertEq(pendingOwner, bob);
        vm.assertEq(registry.ownerOf(DATASET), alice);

        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetOwnershipTransferred(DATASET, alice, bob);
        vm.prank(bob);
        registry.acceptTransfer(DATASET);
        (address owner, address pending,,,,,) = registry.getAsset(DATASET);
        vm.assertEq(owner, bob);
        vm.assertEq(pending, address(0));

        // the old owner lost its rights, the new owner has them
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, DATASET, alice));
        vm.prank(alice);
        registry.update(DATASET, CONTENT2, META2);
        vm.prank(bob);
        registry.update(DATASET, CONTENT2, META2);
    }

    function test_offerTransfer_replacesEarlierOffer() public {
        _anchorDataset();
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
        vm.prank(alice);
        registry.offerTransfer(DATASET, carol);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotPendingOwner.selector, DATASET, bob));
        vm.prank(bob);
        registry.acceptTransfer(DATASET);
        vm.prank(carol);
        registry.acceptTransfer(DATASET);
        vm.assertEq(registry.ownerOf(DATASET), carol);
    }

    function test_offerTransfer_revertsForNonOwner() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, DATASET, bob));
        vm.prank(bob);
        registry.offerTransfer(DATASET, bob);
    }

    function test_offerTransfer_revertsOnZeroOrSelf() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidNewOwner.selector, address(0)));
        vm.prank(alice);
        registry.offerTransfer(DATASET, address(0));
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidNewOwner.selector, alice));
        vm.prank(alice);
        registry.offerTransfer(DATASET, alice);
    }

    function test_offerTransfer_revertsForUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, DATASET));
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
    }

    function test_acceptTransfer_revertsWithoutOffer() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, DATASET));
        vm.prank(bob);
        registry.acceptTransfer(DATASET);
    }

    function test_acceptTransfer_revertsForOtherAccount() public {
        _anchorDataset();
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotPendingOwner.selector, DATASET, carol));
        vm.prank(carol);
        registry.acceptTransfer(DATASET);
    }

    function test_acceptTransfer_revertsForUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, DATASET));
        vm.prank(bob);
        registry.acceptTransfer(DATASET);
    }

    function test_cancelOffer_clearsAndEmits() public {
        _anchorDataset();
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOfferCancelled(DATASET, alice, bob);
        vm.prank(alice);
        registry.cancelOffer(DATASET);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, DATASET));
        vm.prank(bob);
        registry.acceptTransfer(DATASET);
    }

    function test_cancelOffer_revertsWithoutOffer() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, DATASET));
        vm.prank(alice);
        registry.cancelOffer(DATASET);
    }

    function test_cancelOffer_revertsForNonOwner() public {
        _anchorDataset();
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, DATASET, bob));
        vm.prank(bob);
        registry.cancelOffer(DATASET);
    }

    function test_transferFor_fullFlowByRegistrar() public {
        _anchorDataset();
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOffered(DATASET, alice, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(DATASET, registrar, alice, registry.offerTransferFor.selector, AUTH);
        vm.prank(registrar);
        registry.offerTransferFor(DATASET, bob, AUTH);

        bytes32 bobAuth = keccak256("jws:bob-accepts");
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetOwnershipTransferred(DATASET, alice, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(DATASET, registrar, bob, registry.acceptTransferFor.selector, bobAuth);
        vm.prank(registrar);
        registry.acceptTransferFor(DATASET, bobAuth);
        vm.assertEq(registry.ownerOf(DATASET), bob);
    }

    function test_cancelOfferFor_actsForOwner() public {
        _anchorDataset();
        vm.prank(alice);
        registry.offerTransfer(DATASET, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOfferCancelled(DATASET, alice, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(DATASET, registrar, alice, registry.cancelOfferFor.selector, AUTH);
        vm.prank(registrar);
        registry.cancelOfferFor(DATASET, AUTH);
    }

    function test_forFunctions_revertWithoutRole() public {
        _anchorDataset();
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.startPrank(bob);
        expectUnauthorized(bob, role);
        registry.offerTransferFor(DATASET, bob, AUTH);
        expectUnauthorized(bob, role);
        registry.acceptTransferFor(DATASET, AUTH);
        expectUnauthorized(bob, role);
        registry.cancelOfferFor(DATASET, AUTH);
        vm.stopPrank();
    }

    function test_forFunctions_revertOnZeroAuthorization() public {
        _anchorDataset();
        vm.startPrank(registrar);
        vm.expectRevert(AssetAnchorRegistry.ZeroAuthorization.selector);
        registry.offerTransferFor(DATASET, bob, bytes32(0));
        vm.expectRevert(AssetAnchorRegistry.ZeroAuthorization.selector);
        registry.acceptTransferFor(DATASET, bytes32(0));
        vm.expectRevert(AssetAnchorRegistry.ZeroAuthorization.selector);
        registry.cancelOfferFor(DATASET, bytes32(0));
        vm.stopPrank();
    }

    function test_acceptTransferFor_revertsWithoutOffer() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, DATASET));
        vm.prank(registrar);
        registry.acceptTransferFor(DATASET, AUTH);
    }

    function test_cancelOfferFor_revertsWithoutOffer() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, DATASET));
        vm.prank(registrar);
        registry.cancelOfferFor(DATASET, AUTH);
    }

    function test_offerTransferFor_revertsOnInvalidNewOwner() public {
        _anchorDataset();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidNewOwner.selector, alice));
        vm.prank(registrar);
        registry.offerTransferFor(DATASET, alice, AUTH);
    }

    // ---------------------------------------------------------------- lookups

    function test_lookups_revertForUnknownAsset() public {
        vm.assertFalse(registry.exists(DATASET));
        bytes memory err = abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, DATASET);
        vm.expectRevert(err);
        registry.getAsset(DATASET);
        vm.expectRevert(err);
        registry.ownerOf(DATASET);
        vm.expectRevert(err);
        registry.contentHashOf(DATASET);
        vm.expectRevert(err);
        registry.parentsOf(DATASET);
    }

    function testFuzz_lineageChain(uint8 depth) public {
        uint256 n = bound(depth, 1, 20);
        bytes32 previous;
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = keccak256(abi.encode("asset", i));
            vm.prank(alice);
            registry.anchor(id, keccak256(abi.encode(i)), i == 0 ? _none() : _one(previous), bytes32(0));
            if (i > 0) vm.assertEq(registry.parentsOf(id), _one(previous));
            previous = id;
        }
    }
}
