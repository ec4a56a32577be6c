// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {AssetAnchorRegistry} from "../src/AssetAnchorRegistry.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @dev The registry's rules: ids derived from owner and salt, owner-managed and registrar-managed
/// assets, and the owners' EIP-712 signatures behind every registrar action. Digests are computed here
/// from the EIP-712 definitions (type strings and domain written out), not with the contract's helpers.
contract AssetAnchorRegistryTest is ContractTest {
    AssetAnchorRegistry internal registry;
    address internal admin;
    address internal registrar;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal mallory;
    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;
    uint256 internal constant REGISTRAR_KEY = 0x4E6157;
    uint256 internal constant MALLORY_KEY = 0xBAD;
    /// @dev secp256k1 group order.
    uint256 internal constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant SALT = keccak256("asset:dataset-1");
    bytes32 internal constant SALT2 = keccak256("asset:model-1");
    bytes32 internal constant CONTENT = keccak256("content-v1");
    bytes32 internal constant CONTENT2 = keccak256("content-v2");
    bytes32 internal constant META = keccak256("metadata-v1");
    bytes32 internal constant META2 = keccak256("metadata-v2");
    uint256 internal constant T0 = 1_760_000_000;
    uint256 internal constant DEADLINE = T0 + 1 hours;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant ANCHOR_TYPEHASH = keccak256(
        "Anchor(address owner,bytes32 salt,bytes32 contentHash,bytes32 metadataHash,bytes32[] parentIds,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant UPDATE_TYPEHASH =
        keccak256("Update(bytes32 assetId,bytes32 contentHash,bytes32 metadataHash,uint256 nonce,uint256 deadline)");
    bytes32 internal constant OFFER_TYPEHASH =
        keccak256("OfferTransfer(bytes32 assetId,address newOwner,uint256 nonce,uint256 deadline)");
    bytes32 internal constant ACCEPT_TYPEHASH = keccak256("AcceptTransfer(bytes32 assetId,uint256 nonce,uint256 deadline)");
    bytes32 internal constant CANCEL_TYPEHASH = keccak256("CancelOffer(bytes32 assetId,uint256 nonce,uint256 deadline)");

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        registrar = vm.addr(REGISTRAR_KEY);
        alice = vm.addr(ALICE_KEY);
        bob = vm.addr(BOB_KEY);
        carol = makeAddr("carol");
        mallory = vm.addr(MALLORY_KEY);
        registry = _deploy();
    }

    function _deploy() internal returns (AssetAnchorRegistry deployed) {
        deployed = new AssetAnchorRegistry(admin, 0);
        bytes32 role = deployed.REGISTRAR_ROLE();
        vm.prank(admin);
        deployed.grantRole(role, registrar);
    }

    // ---------------------------------------------------------------- helpers

    function _none() internal pure returns (bytes32[] memory) {
        return new bytes32[](0);
    }

    function _one(bytes32 a) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](1);
        out[0] = a;
    }

    function _id(address owner, bytes32 salt) internal pure returns (bytes32) {
        return keccak256(abi.encode(owner, salt));
    }

    function _domain(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("MLGov AssetAnchorRegistry"), keccak256("1"), chainId, verifyingContract
            )
        );
    }

    function _sign(uint256 key, bytes32 domain, bytes32 structHash) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        return abi.encodePacked(r, s, v);
    }

    function _here() internal view returns (bytes32) {
        return _domain(block.chainid, address(registry));
    }

    function _anchorStruct(address owner, bytes32 salt, bytes32[] memory parents, uint256 nonce, uint256 deadline)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(ANCHOR_TYPEHASH, owner, salt, CONTENT, META, keccak256(abi.encodePacked(parents)), nonce, deadline)
        );
    }

    function _anchorSig(uint256 key, address owner, bytes32 salt, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        return _sign(key, _here(), _anchorStruct(owner, salt, _none(), nonce, deadline));
    }

    function _updateSig(uint256 key, bytes32 assetId, uint256 nonce, uint256 deadline) internal view returns (bytes memory) {
        return _sign(key, _here(), keccak256(abi.encode(UPDATE_TYPEHASH, assetId, CONTENT2, META2, nonce, deadline)));
    }

    function _offerSig(uint256 key, bytes32 assetId, address to, uint256 nonce) internal view returns (bytes memory) {
        return _sign(key, _here(), keccak256(abi.encode(OFFER_TYPEHASH, assetId, to, nonce, DEADLINE)));
    }

    function _anchorDirect() internal returns (bytes32 id) {
        vm.prank(alice);
        id = registry.anchor(SALT, CONTENT, _none(), META);
    }

    function _anchorForAlice() internal returns (bytes32 id) {
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT, registry.nonces(alice), DEADLINE);
        vm.prank(registrar);
        id = registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
    }

    // ---------------------------------------------------------------- constructor, domain

    function test_constructor_andDomain() public view {
        vm.assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertEq(registry.defaultAdmin(), admin);
        vm.assertEq(registry.REGISTRAR_ROLE(), keccak256("REGISTRAR_ROLE"));
        vm.assertEq(registry.MAX_PARENTS(), 64);
        vm.assertEq(registry.ANCHOR_TYPEHASH(), ANCHOR_TYPEHASH);
        vm.assertEq(registry.UPDATE_TYPEHASH(), UPDATE_TYPEHASH);
        vm.assertEq(registry.OFFER_TRANSFER_TYPEHASH(), OFFER_TYPEHASH);
        vm.assertEq(registry.ACCEPT_TRANSFER_TYPEHASH(), ACCEPT_TYPEHASH);
        vm.assertEq(registry.CANCEL_OFFER_TYPEHASH(), CANCEL_TYPEHASH);
        vm.assertEq(registry.DOMAIN_SEPARATOR(), _here());
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying,,) =
            registry.eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f);
        vm.assertEq(name, "MLGov AssetAnchorRegistry");
        vm.assertEq(version, "1");
        vm.assertEq(chainId, block.chainid);
        vm.assertEq(verifying, address(registry));
    }

    // ---------------------------------------------------------------- anchor (owner-managed)

    function test_anchor_derivesTheIdAndRecords() public {
        bytes32 expected = _id(alice, SALT);
        vm.assertEq(registry.assetIdOf(alice, SALT), expected);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetAnchored(expected, alice, SALT, CONTENT, META, _none(), false);
        bytes32 id = _anchorDirect();
        vm.assertEq(id, expected);
        vm.assertTrue(registry.exists(id));
        vm.assertFalse(registry.isRegistrarManaged(id));
        (
            address owner,
            address pendingOwner,
            bytes32 contentHash,
            bytes32 metadataHash,
            uint64 version,
            uint64 anchoredAt,
            uint64 updatedAt
        ) = registry.getAsset(id);
        vm.assertEq(owner, alice);
        vm.assertEq(pendingOwner, address(0));
        vm.assertEq(contentHash, CONTENT);
        vm.assertEq(metadataHash, META);
        vm.assertEq(version, 1);
        vm.assertEq(anchoredAt, T0);
        vm.assertEq(updatedAt, T0);
        vm.assertEq(registry.ownerOf(id), alice);
        vm.assertEq(registry.contentHashOf(id), CONTENT);
        vm.assertEq(registry.parentsOf(id), _none());
    }

    function test_anchor_withParents() public {
        bytes32 a = _anchorDirect();
        vm.prank(bob);
        bytes32 b = registry.anchor(SALT, CONTENT2, _none(), bytes32(0));
        bytes32[] memory parents = new bytes32[](2);
        parents[0] = a;
        parents[1] = b;
        vm.prank(carol);
        bytes32 model = registry.anchor(SALT2, CONTENT, parents, META);
        vm.assertEq(registry.parentsOf(model), parents);
    }

    function test_anchor_revertsOnZeroContentHash() public {
        vm.expectRevert(AssetAnchorRegistry.ZeroContentHash.selector);
        vm.prank(alice);
        registry.anchor(SALT, bytes32(0), _none(), META);
    }

    function test_anchor_revertsWhenAlreadyAnchored() public {
        bytes32 id = _anchorDirect();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetAlreadyAnchored.selector, id));
        vm.prank(alice);
        registry.anchor(SALT, CONTENT2, _none(), META);
    }

    function test_anchor_revertsOnMissingParent() public {
        bytes32 missing = _id(alice, SALT);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.ParentNotFound.selector, missing));
        vm.prank(alice);
        registry.anchor(SALT2, CONTENT, _one(missing), META);
    }

    function test_anchor_revertsOnSelfParent() public {
        bytes32 self = _id(alice, SALT2);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.ParentNotFound.selector, self));
        vm.prank(alice);
        registry.anchor(SALT2, CONTENT, _one(self), META);
    }

    function test_anchor_revertsOnDuplicateParent() public {
        bytes32 a = _anchorDirect();
        bytes32[] memory parents = new bytes32[](2);
        parents[0] = a;
        parents[1] = a;
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.DuplicateParent.selector, a));
        vm.prank(alice);
        registry.anchor(SALT2, CONTENT, parents, META);
    }

    function test_anchor_revertsOnTooManyParents() public {
        bytes32[] memory parents = new bytes32[](65);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.TooManyParents.selector, 65, 64));
        vm.prank(alice);
        registry.anchor(SALT2, CONTENT, parents, META);
    }

    // ---------------------------------------------------------------- anchorFor (registrar-managed)

    function test_anchorFor_withTheOwnersSignature() public {
        bytes32 id = _id(alice, SALT);
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", _here(), _anchorStruct(alice, SALT, _none(), 0, DEADLINE)));
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetAnchored(id, alice, SALT, CONTENT, META, _none(), true);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(id, registrar, alice, registry.anchorFor.selector, digest);
        vm.assertEq(_anchorForAlice(), id);
        vm.assertEq(registry.ownerOf(id), alice);
        vm.assertTrue(registry.isRegistrarManaged(id));
        vm.assertEq(registry.nonces(alice), 1);
    }

    function test_anchorFor_signsTheParents() public {
        bytes32 parent = _anchorDirect();
        bytes memory sig = _sign(ALICE_KEY, _here(), _anchorStruct(alice, SALT2, _one(parent), 0, DEADLINE));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT2, CONTENT, _one(parent), META, DEADLINE, sig);
        vm.assertEq(registry.parentsOf(_id(alice, SALT2)), _one(parent));
    }

    /// @dev The registrar cannot add or drop a parent, or change a hash, from what the owner signed.
    function test_anchorFor_refusesFieldsTheOwnerDidNotSign() public {
        bytes32 parent = _anchorDirect();
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT2, 0, DEADLINE); // signed with no parents
        vm.startPrank(registrar);
        vm.expectRevert(); // recovers another signer
        registry.anchorFor(alice, SALT2, CONTENT, _one(parent), META, DEADLINE, sig);
        vm.expectRevert();
        registry.anchorFor(alice, SALT2, CONTENT2, _none(), META, DEADLINE, sig);
        vm.expectRevert();
        registry.anchorFor(alice, SALT2, CONTENT, _none(), META, DEADLINE + 1, sig);
        registry.anchorFor(alice, SALT2, CONTENT, _none(), META, DEADLINE, sig);
        vm.stopPrank();
    }

    function test_anchorFor_revertsWithoutRole() public {
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT, 0, DEADLINE);
        expectUnauthorized(alice, registry.REGISTRAR_ROLE());
        vm.prank(alice);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
    }

    function test_anchorFor_revertsOnZeroOwner() public {
        bytes memory sig = _anchorSig(ALICE_KEY, address(0), SALT, 0, DEADLINE);
        vm.expectRevert(AssetAnchorRegistry.ZeroOwner.selector);
        vm.prank(registrar);
        registry.anchorFor(address(0), SALT, CONTENT, _none(), META, DEADLINE, sig);
    }

    // ---------------------------------------------------------------- attacks on signatures

    /// @dev Attack: the registrar signs for the owner with its own key (a forged consent).
    function test_attack_registrarForgesTheOwnersSignature() public {
        bytes memory forged = _anchorSig(REGISTRAR_KEY, alice, SALT, 0, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, registrar, alice));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, forged);
        vm.assertFalse(registry.exists(_id(alice, SALT)));
    }

    /// @dev Attack: a signature is replayed (a second update with the owner's one consent).
    function test_attack_replayedSignatureIsRefused() public {
        bytes32 id = _anchorForAlice();
        bytes memory sig = _updateSig(ALICE_KEY, id, 1, DEADLINE);
        vm.prank(registrar);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, sig);
        (,,,, uint64 version,,) = registry.getAsset(id);
        vm.assertEq(version, 2);
        bytes32 digestAtNonce2 =
            keccak256(abi.encodePacked("\x19\x01", _here(), keccak256(abi.encode(UPDATE_TYPEHASH, id, CONTENT2, META2, 2, DEADLINE))));
        address recovered = ECDSA.recover(digestAtNonce2, sig);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, recovered, alice));
        vm.prank(registrar);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, sig);
        (,,,, version,,) = registry.getAsset(id);
        vm.assertEq(version, 2);
        vm.assertEq(registry.nonces(alice), 2);
    }

    /// @dev A replayed anchor consent cannot anchor a second time either (nonce first, then the id).
    function test_attack_replayedAnchorSignatureIsRefused() public {
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT, 0, DEADLINE);
        vm.startPrank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
        vm.expectRevert();
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
        vm.stopPrank();
    }

    function test_attack_expiredSignatureIsRefused() public {
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT, 0, DEADLINE);
        vm.warp(DEADLINE + 1);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.SignatureExpired.selector, DEADLINE));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
        vm.warp(DEADLINE); // the deadline itself is still valid
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
    }

    /// @dev Attack: a consent signed for another chain (same contract address) is replayed here.
    function test_attack_signatureForAnotherChainIsRefused() public {
        bytes32 structHash = _anchorStruct(alice, SALT, _none(), 0, DEADLINE);
        bytes memory sig = _sign(ALICE_KEY, _domain(1, address(registry)), structHash);
        address recovered =
            ECDSA.recover(keccak256(abi.encodePacked("\x19\x01", _here(), structHash)), sig);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, recovered, alice));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);

        // and a consent made on this chain does not hold after a fork to another chain id
        bytes memory here = _anchorSig(ALICE_KEY, alice, SALT, 0, DEADLINE);
        vm.chainId(block.chainid + 1);
        vm.expectRevert();
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, here);
    }

    /// @dev Attack: a consent signed for another registry deployment is replayed on this one.
    function test_attack_signatureForAnotherContractIsRefused() public {
        AssetAnchorRegistry other = _deploy();
        bytes32 structHash = _anchorStruct(alice, SALT, _none(), 0, DEADLINE);
        bytes memory sig = _sign(ALICE_KEY, _domain(block.chainid, address(other)), structHash);
        vm.prank(registrar);
        other.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
        address recovered =
            ECDSA.recover(keccak256(abi.encodePacked("\x19\x01", _here(), structHash)), sig);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, recovered, alice));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
    }

    /// @dev Attack: the malleable twin (r, n - s, flipped v) of a valid signature is refused.
    function test_attack_highSSignatureIsRefused() public {
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", _here(), _anchorStruct(alice, SALT, _none(), 0, DEADLINE)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_KEY, digest);
        bytes32 highS = bytes32(N - uint256(s));
        vm.assertEq(ecrecover(digest, v == 27 ? 28 : 27, r, highS), alice); // valid for the bare precompile
        bytes memory twin = abi.encodePacked(r, highS, v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, twin);
    }

    function test_malformedSignaturesAreRefused() public {
        vm.startPrank(registrar);
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureLength.selector, 64));
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, new bytes(64));
        vm.expectRevert(ECDSA.ECDSAInvalidSignature.selector);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, new bytes(65));
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- attacks on ids and owner-managed assets

    /// @dev Attack: a front-runner copies the owner's anchor transaction seen in the mempool. It anchors
    /// its own id (derived from its address); the owner's transaction still anchors the owner's id.
    function test_attack_frontRunnerCannotSquatAnId() public {
        vm.prank(mallory);
        bytes32 squatted = registry.anchor(SALT, CONTENT, _none(), META);
        vm.assertEq(squatted, _id(mallory, SALT));
        bytes32 id = _anchorDirect();
        vm.assertEq(id, _id(alice, SALT));
        vm.assertTrue(id != squatted);
        vm.assertEq(registry.ownerOf(id), alice);

        // copying the registrar's transaction needs the role; the registrar itself needs alice's signature
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT2, 0, DEADLINE);
        expectUnauthorized(mallory, registry.REGISTRAR_ROLE());
        vm.prank(mallory);
        registry.anchorFor(alice, SALT2, CONTENT, _none(), META, DEADLINE, sig);
        bytes memory byMallory = _anchorSig(MALLORY_KEY, alice, SALT2, 0, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, mallory, alice));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT2, CONTENT, _none(), META, DEADLINE, byMallory);
    }

    /// @dev Attack: the registrar offers (and accepts) a transfer of an asset its owner anchored
    /// directly, or updates it. Refused even with the owner's genuine signature: only the owner acts on it.
    function test_attack_registrarCannotMoveOrUpdateAnOwnerAnchoredAsset() public {
        bytes32 id = _anchorDirect();
        bytes memory err = abi.encodeWithSelector(AssetAnchorRegistry.OwnerManagedAsset.selector, id);
        bytes memory genuine = _offerSig(ALICE_KEY, id, mallory, 0);
        vm.startPrank(registrar);
        vm.expectRevert(err);
        registry.offerTransferFor(id, mallory, DEADLINE, genuine);
        vm.expectRevert(err);
        registry.offerTransferFor(id, mallory, DEADLINE, _offerSig(REGISTRAR_KEY, id, mallory, 0));
        vm.expectRevert(err);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, _updateSig(ALICE_KEY, id, 0, DEADLINE));
        vm.stopPrank();

        vm.prank(alice);
        registry.offerTransfer(id, bob);
        bytes memory bobAccepts = _sign(BOB_KEY, _here(), keccak256(abi.encode(ACCEPT_TYPEHASH, id, 0, DEADLINE)));
        vm.startPrank(registrar);
        vm.expectRevert(err);
        registry.acceptTransferFor(id, DEADLINE, bobAccepts);
        vm.expectRevert(err);
        registry.cancelOfferFor(id, DEADLINE, _sign(ALICE_KEY, _here(), keccak256(abi.encode(CANCEL_TYPEHASH, id, 0, DEADLINE))));
        vm.stopPrank();
        vm.assertEq(registry.ownerOf(id), alice);
        vm.assertEq(registry.contentHashOf(id), CONTENT);
        vm.assertEq(registry.nonces(alice), 0);
    }

    /// @dev Attack on a registrar-managed asset: the registrar offers it to itself without the owner's consent.
    function test_attack_registrarCannotMoveARegistrarManagedAssetWithoutConsent() public {
        bytes32 id = _anchorForAlice();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, registrar, alice));
        vm.prank(registrar);
        registry.offerTransferFor(id, registrar, DEADLINE, _offerSig(REGISTRAR_KEY, id, registrar, 1));
        // alice's consent to offer to bob cannot be redirected to mallory
        bytes memory toBob = _offerSig(ALICE_KEY, id, bob, 1);
        vm.expectRevert();
        vm.prank(registrar);
        registry.offerTransferFor(id, mallory, DEADLINE, toBob);
        (, address pending,,,,,) = registry.getAsset(id);
        vm.assertEq(pending, address(0));
    }

    // ---------------------------------------------------------------- registrar flows with consent

    function test_updateFor_withTheOwnersSignature() public {
        bytes32 id = _anchorForAlice();
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", _here(), keccak256(abi.encode(UPDATE_TYPEHASH, id, CONTENT2, META2, 1, DEADLINE)))
        );
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetUpdated(id, 2, CONTENT2, META2);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.ActedOnBehalf(id, registrar, alice, registry.updateFor.selector, digest);
        vm.prank(registrar);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, _updateSig(ALICE_KEY, id, 1, DEADLINE));
        vm.assertEq(registry.contentHashOf(id), CONTENT2);
    }

    function test_transferFor_fullFlowWithBothSignatures() public {
        bytes32 id = _anchorForAlice();
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOffered(id, alice, bob);
        vm.prank(registrar);
        registry.offerTransferFor(id, bob, DEADLINE, _offerSig(ALICE_KEY, id, bob, 1));

        // the acceptance is bob's to sign, not alice's
        bytes32 acceptStruct = keccak256(abi.encode(ACCEPT_TYPEHASH, id, 0, DEADLINE));
        vm.expectRevert();
        vm.prank(registrar);
        registry.acceptTransferFor(id, DEADLINE, _sign(ALICE_KEY, _here(), acceptStruct));
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetOwnershipTransferred(id, alice, bob);
        vm.prank(registrar);
        registry.acceptTransferFor(id, DEADLINE, _sign(BOB_KEY, _here(), acceptStruct));
        vm.assertEq(registry.ownerOf(id), bob);
        vm.assertTrue(registry.isRegistrarManaged(id));
        vm.assertEq(registry.nonces(bob), 1);
    }

    function test_cancelOfferFor_withTheOwnersSignature() public {
        bytes32 id = _anchorForAlice();
        vm.prank(alice);
        registry.offerTransfer(id, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOfferCancelled(id, alice, bob);
        vm.prank(registrar);
        registry.cancelOfferFor(id, DEADLINE, _sign(ALICE_KEY, _here(), keccak256(abi.encode(CANCEL_TYPEHASH, id, 1, DEADLINE))));
        (, address pending,,,,,) = registry.getAsset(id);
        vm.assertEq(pending, address(0));
    }

    /// @dev Accepting directly takes the asset out of the registrar's hands.
    function test_acceptTransfer_directlyMakesTheAssetOwnerManaged() public {
        bytes32 id = _anchorForAlice();
        vm.prank(registrar);
        registry.offerTransferFor(id, bob, DEADLINE, _offerSig(ALICE_KEY, id, bob, 1));
        vm.prank(bob);
        registry.acceptTransfer(id);
        vm.assertFalse(registry.isRegistrarManaged(id));
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.OwnerManagedAsset.selector, id));
        vm.prank(registrar);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, _updateSig(BOB_KEY, id, 0, DEADLINE));
    }

    function test_forFunctions_revertWithoutRole() public {
        bytes32 id = _anchorForAlice();
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.startPrank(bob);
        expectUnauthorized(bob, role);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, "");
        expectUnauthorized(bob, role);
        registry.offerTransferFor(id, bob, DEADLINE, "");
        expectUnauthorized(bob, role);
        registry.acceptTransferFor(id, DEADLINE, "");
        expectUnauthorized(bob, role);
        registry.cancelOfferFor(id, DEADLINE, "");
        vm.stopPrank();
    }

    function test_forFunctions_revertForUnknownAsset() public {
        bytes32 id = _id(alice, SALT);
        bytes memory err = abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, id);
        vm.startPrank(registrar);
        vm.expectRevert(err);
        registry.updateFor(id, CONTENT2, META2, DEADLINE, "");
        vm.expectRevert(err);
        registry.offerTransferFor(id, bob, DEADLINE, "");
        vm.expectRevert(err);
        registry.acceptTransferFor(id, DEADLINE, "");
        vm.expectRevert(err);
        registry.cancelOfferFor(id, DEADLINE, "");
        vm.stopPrank();
    }

    function test_acceptTransferFor_revertsWithoutOffer() public {
        bytes32 id = _anchorForAlice();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, id));
        vm.prank(registrar);
        registry.acceptTransferFor(id, DEADLINE, "");
    }

    function test_cancelOfferFor_revertsWithoutOffer() public {
        bytes32 id = _anchorForAlice();
        bytes memory sig = _sign(ALICE_KEY, _here(), keccak256(abi.encode(CANCEL_TYPEHASH, id, 1, DEADLINE)));
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, id));
        vm.prank(registrar);
        registry.cancelOfferFor(id, DEADLINE, sig);
    }

    function test_offerTransferFor_revertsOnInvalidNewOwner() public {
        bytes32 id = _anchorForAlice();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidNewOwner.selector, alice));
        vm.prank(registrar);
        registry.offerTransferFor(id, alice, DEADLINE, _offerSig(ALICE_KEY, id, alice, 1));
    }

    // ---------------------------------------------------------------- owner's own flows

    function test_update_bumpsVersionAndEmits() public {
        bytes32 id = _anchorDirect();
        vm.warp(T0 + 1_000);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetUpdated(id, 2, CONTENT2, META2);
        vm.prank(alice);
        registry.update(id, CONTENT2, META2);
        (,, bytes32 contentHash, bytes32 metadataHash, uint64 version, uint64 anchoredAt, uint64 updatedAt) =
            registry.getAsset(id);
        vm.assertEq(contentHash, CONTENT2);
        vm.assertEq(metadataHash, META2);
        vm.assertEq(version, 2);
        vm.assertEq(anchoredAt, T0);
        vm.assertEq(updatedAt, T0 + 1_000);
    }

    function test_update_revertsForNonOwnerAndRegistrar() public {
        bytes32 id = _anchorDirect();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, id, bob));
        vm.prank(bob);
        registry.update(id, CONTENT2, META2);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, id, registrar));
        vm.prank(registrar);
        registry.update(id, CONTENT2, META2);
    }

    function test_update_revertsForUnknownAssetAndZeroHash() public {
        bytes32 id = _id(alice, SALT);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, id));
        vm.prank(alice);
        registry.update(id, CONTENT2, META2);
        _anchorDirect();
        vm.expectRevert(AssetAnchorRegistry.ZeroContentHash.selector);
        vm.prank(alice);
        registry.update(id, bytes32(0), META2);
    }

    /// @dev The owner of a registrar-managed asset keeps acting directly too.
    function test_ownerActsDirectlyOnARegistrarManagedAsset() public {
        bytes32 id = _anchorForAlice();
        vm.prank(alice);
        registry.update(id, CONTENT2, META2);
        vm.assertEq(registry.contentHashOf(id), CONTENT2);
    }

    function test_offerAndAccept_transfersOwnership() public {
        bytes32 id = _anchorDirect();
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOffered(id, alice, bob);
        vm.prank(alice);
        registry.offerTransfer(id, bob);
        (, address pendingOwner,,,,,) = registry.getAsset(id);
        vm.assertEq(pendingOwner, bob);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.AssetOwnershipTransferred(id, alice, bob);
        vm.prank(bob);
        registry.acceptTransfer(id);
        (address owner, address pending,,,,,) = registry.getAsset(id);
        vm.assertEq(owner, bob);
        vm.assertEq(pending, address(0));
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, id, alice));
        vm.prank(alice);
        registry.update(id, CONTENT2, META2);
        vm.prank(bob);
        registry.update(id, CONTENT2, META2);
    }

    function test_offerTransfer_replacesEarlierOffer() public {
        bytes32 id = _anchorDirect();
        vm.prank(alice);
        registry.offerTransfer(id, bob);
        vm.prank(alice);
        registry.offerTransfer(id, carol);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotPendingOwner.selector, id, bob));
        vm.prank(bob);
        registry.acceptTransfer(id);
        vm.prank(carol);
        registry.acceptTransfer(id);
        vm.assertEq(registry.ownerOf(id), carol);
    }

    function test_offerTransfer_reverts() public {
        bytes32 id = _id(alice, SALT);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, id));
        vm.prank(alice);
        registry.offerTransfer(id, bob);
        _anchorDirect();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, id, bob));
        vm.prank(bob);
        registry.offerTransfer(id, bob);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidNewOwner.selector, address(0)));
        vm.prank(alice);
        registry.offerTransfer(id, address(0));
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidNewOwner.selector, alice));
        vm.prank(alice);
        registry.offerTransfer(id, alice);
    }

    function test_acceptTransfer_reverts() public {
        bytes32 id = _id(alice, SALT);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, id));
        vm.prank(bob);
        registry.acceptTransfer(id);
        _anchorDirect();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, id));
        vm.prank(bob);
        registry.acceptTransfer(id);
        vm.prank(alice);
        registry.offerTransfer(id, bob);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotPendingOwner.selector, id, carol));
        vm.prank(carol);
        registry.acceptTransfer(id);
    }

    function test_cancelOffer_clearsAndEmits() public {
        bytes32 id = _anchorDirect();
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, id));
        vm.prank(alice);
        registry.cancelOffer(id);
        vm.prank(alice);
        registry.offerTransfer(id, bob);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NotAssetOwner.selector, id, bob));
        vm.prank(bob);
        registry.cancelOffer(id);
        vm.expectEmit(address(registry));
        emit AssetAnchorRegistry.TransferOfferCancelled(id, alice, bob);
        vm.prank(alice);
        registry.cancelOffer(id);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.NoPendingTransfer.selector, id));
        vm.prank(bob);
        registry.acceptTransfer(id);
    }

    function test_lookups_revertForUnknownAsset() public {
        bytes32 id = _id(alice, SALT);
        vm.assertFalse(registry.exists(id));
        bytes memory err = abi.encodeWithSelector(AssetAnchorRegistry.AssetNotFound.selector, id);
        vm.expectRevert(err);
        registry.getAsset(id);
        vm.expectRevert(err);
        registry.ownerOf(id);
        vm.expectRevert(err);
        registry.contentHashOf(id);
        vm.expectRevert(err);
        registry.parentsOf(id);
        vm.expectRevert(err);
        registry.isRegistrarManaged(id);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_lineageChain(uint8 depth) public {
        uint256 n = bound(depth, 1, 20);
        bytes32 previous;
        for (uint256 i = 0; i < n; ++i) {
            vm.prank(alice);
            bytes32 id = registry.anchor(bytes32(i), keccak256(abi.encode(i)), i == 0 ? _none() : _one(previous), bytes32(0));
            if (i > 0) vm.assertEq(registry.parentsOf(id), _one(previous));
            previous = id;
        }
    }

    /// @dev Ids: whoever anchors with a salt gets keccak256(abi.encode(itself, salt)); two accounts using the
    /// same salt never collide.
    function testFuzz_idsDeriveFromTheCaller(address first, address second, bytes32 salt) public {
        vm.assume(first != address(0) && second != address(0) && first != second);
        vm.prank(first);
        bytes32 a = registry.anchor(salt, CONTENT, _none(), META);
        vm.prank(second);
        bytes32 b = registry.anchor(salt, CONTENT, _none(), META);
        vm.assertEq(a, keccak256(abi.encode(first, salt)));
        vm.assertEq(b, keccak256(abi.encode(second, salt)));
        vm.assertEq(registry.ownerOf(a), first);
        vm.assertEq(registry.ownerOf(b), second);
    }

    /// @dev Only the owner's key makes a valid consent.
    function testFuzz_onlyTheOwnersKeySigns(uint256 key) public {
        key = bound(key, 1, N - 1);
        vm.assume(key != ALICE_KEY);
        bytes memory sig = _anchorSig(key, alice, SALT, 0, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.InvalidSigner.selector, vm.addr(key), alice));
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, DEADLINE, sig);
    }

    /// @dev A consent is valid up to and including its deadline, never after.
    function testFuzz_deadline(uint64 deadline, uint64 submittedAt) public {
        vm.assume(deadline > 0 && submittedAt > 0);
        vm.warp(submittedAt);
        bytes memory sig = _anchorSig(ALICE_KEY, alice, SALT, 0, deadline);
        if (uint256(submittedAt) > deadline) {
            vm.expectRevert(abi.encodeWithSelector(AssetAnchorRegistry.SignatureExpired.selector, uint256(deadline)));
        }
        vm.prank(registrar);
        registry.anchorFor(alice, SALT, CONTENT, _none(), META, deadline, sig);
        vm.assertEq(registry.exists(_id(alice, SALT)), uint256(submittedAt) <= deadline);
        vm.assertEq(registry.nonces(alice), uint256(submittedAt) <= deadline ? 1 : 0);
    }

    /// @dev Nonces: each consent is used once, in order; a consent for any other nonce than the current one
    /// is refused and changes nothing.
    function testFuzz_noncesAreUsedOnceInOrder(uint8 updates, uint256 wrongNonce) public {
        bytes32 id = _anchorForAlice();
        uint256 n = bound(updates, 1, 12);
        for (uint256 i = 0; i < n; ++i) {
            uint256 current = registry.nonces(alice);
            vm.assertEq(current, i + 1);
            uint256 other = bound(wrongNonce ^ i, 0, 64);
            if (other != current) {
                vm.expectRevert();
                vm.prank(registrar);
                registry.updateFor(id, CONTENT2, META2, DEADLINE, _updateSig(ALICE_KEY, id, other, DEADLINE));
                vm.assertEq(registry.nonces(alice), current);
            }
            vm.prank(registrar);
            registry.updateFor(id, CONTENT2, META2, DEADLINE, _updateSig(ALICE_KEY, id, current, DEADLINE));
        }
        (,,,, uint64 version,,) = registry.getAsset(id);
        vm.assertEq(version, n + 1);
        vm.assertEq(registry.nonces(alice), n + 1);
    }

    /// @dev Every high-s twin of a valid signature is refused, whatever the key.
    function testFuzz_highSIsAlwaysRefused(uint256 key) public {
        key = bound(key, 1, N - 1);
        address owner = vm.addr(key);
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", _here(), _anchorStruct(owner, SALT, _none(), 0, DEADLINE)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        bytes32 highS = bytes32(N - uint256(s));
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        vm.prank(registrar);
        registry.anchorFor(owner, SALT, CONTENT, _none(), META, DEADLINE, abi.encodePacked(r, highS, v == 27 ? uint8(28) : uint8(27)));
        vm.prank(registrar);
        registry.anchorFor(owner, SALT, CONTENT, _none(), META, DEADLINE, abi.encodePacked(r, s, v));
        vm.assertEq(registry.ownerOf(_id(owner, SALT)), owner);
    }
}
