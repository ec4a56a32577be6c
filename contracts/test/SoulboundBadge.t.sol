// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {SoulboundBadge} from "../src/SoulboundBadge.sol";
import {IERC5192} from "../src/interfaces/IERC5192.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

contract SoulboundBadgeTest is ContractTest {
    SoulboundBadge internal badge;
    address internal admin;
    address internal issuer;
    address internal revoker;
    address internal alice;
    address internal bob;

    bytes32 internal constant CONTRIBUTOR = keccak256("DataContributor");
    bytes32 internal constant CREDENTIAL = keccak256("urn:uuid:7f1c2a4e-credential-1");

    function setUp() public {
        admin = makeAddr("admin");
        issuer = makeAddr("issuer");
        revoker = makeAddr("revoker");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        badge = new SoulboundBadge("MLGov Badge", "MLGB", admin, 0);
        vm.startPrank(admin);
        badge.grantRole(badge.ISSUER_ROLE(), issuer);
        badge.grantRole(badge.REVOKER_ROLE(), revoker);
        vm.stopPrank();
    }

    function _mint() internal returns (uint256) {
        vm.prank(issuer);
        return badge.mint(alice, CONTRIBUTOR, CREDENTIAL);
    }

    // ---------------------------------------------------------------- constructor and metadata

    function test_constructor_setsNameSymbolAndAdmin() public view {
        vm.assertEq(badge.name(), "MLGov Badge");
        vm.assertEq(badge.symbol(), "MLGB");
        vm.assertTrue(badge.hasRole(badge.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertFalse(badge.hasRole(badge.ISSUER_ROLE(), admin));
        vm.assertEq(badge.ISSUER_ROLE(), keccak256("ISSUER_ROLE"));
        vm.assertEq(badge.REVOKER_ROLE(), keccak256("REVOKER_ROLE"));
        vm.assertEq(badge.totalIssued(), 0);
    }

    function test_supportsInterface() public view {
        vm.assertTrue(badge.supportsInterface(0xb45a3c0e), "ERC-5192");
        vm.assertEq(type(IERC5192).interfaceId, bytes4(0xb45a3c0e));
        vm.assertTrue(badge.supportsInterface(type(IERC721).interfaceId), "ERC-721");
        vm.assertTrue(badge.supportsInterface(type(IERC721Metadata).interfaceId), "ERC-721 metadata");
        vm.assertTrue(badge.supportsInterface(type(IAccessControl).interfaceId), "AccessControl");
        vm.assertTrue(badge.supportsInterface(type(IERC165).interfaceId), "ERC-165");
        vm.assertFalse(badge.supportsInterface(0xffffffff));
        vm.assertFalse(badge.supportsInterface(0x12345678));
    }

    // ---------------------------------------------------------------- mint

    function test_mint_recordsBadgeAndEmits() public {
        vm.warp(1_700_000_000);
        vm.expectEmit(address(badge));
        emit IERC721.Transfer(address(0), alice, 1);
        vm.expectEmit(address(badge));
        emit IERC5192.Locked(1);
        vm.expectEmit(address(badge));
        emit SoulboundBadge.BadgeIssued(1, alice, CONTRIBUTOR, CREDENTIAL);
        uint256 tokenId = _mint();

        vm.assertEq(tokenId, 1);
        vm.assertEq(badge.ownerOf(1), alice);
        vm.assertEq(badge.balanceOf(alice), 1);
        vm.assertTrue(badge.locked(1));
        (address holder, bytes32 badgeType, bytes32 credentialId, uint64 issuedAt) = badge.badgeOf(1);
        vm.assertEq(holder, alice);
        vm.assertEq(badgeType, CONTRIBUTOR);
        vm.assertEq(credentialId, CREDENTIAL);
        vm.assertEq(issuedAt, 1_700_000_000);
        vm.assertEq(badge.tokenOfCredential(CREDENTIAL), 1);
        vm.assertEq(badge.totalIssued(), 1);
        vm.assertEq(badge.tokenURI(1), "");
    }

    function test_mint_assignsIncreasingIds() public {
        _mint();
        vm.prank(issuer);
        uint256 second = badge.mint(bob, CONTRIBUTOR, keccak256("other"));
        vm.assertEq(second, 2);
        vm.assertEq(badge.ownerOf(2), bob);
        vm.assertEq(badge.totalIssued(), 2);
    }

    function test_mint_revertsWithoutIssuerRole() public {
        expectUnauthorized(alice, badge.ISSUER_ROLE());
        vm.prank(alice);
        badge.mint(alice, CONTRIBUTOR, CREDENTIAL);
    }

    function test_mint_revertsOnZeroCredential() public {
        vm.expectRevert(SoulboundBadge.ZeroCredentialId.selector);
        vm.prank(issuer);
        badge.mint(alice, CONTRIBUTOR, bytes32(0));
    }

    function test_mint_revertsOnCredentialAlreadyBadged() public {
        _mint();
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.CredentialAlreadyBadged.selector, CREDENTIAL, 1));
        vm.prank(issuer);
        badge.mint(bob, CONTRIBUTOR, CREDENTIAL);
    }

    function test_mint_revertsOnZeroHolder() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        vm.prank(issuer);
        badge.mint(address(0), CONTRIBUTOR, CREDENTIAL);
    }

    // ---------------------------------------------------------------- revoke

    function test_revoke_burnsAndEmits() public {
        _mint();
        vm.expectEmit(address(badge));
        emit IERC721.Transfer(alice, address(0), 1);
        vm.expectEmit(address(badge));
        emit SoulboundBadge.BadgeRevoked(1, alice, CREDENTIAL, "credential revoked in status list");
        vm.prank(revoker);
        badge.revoke(1, "credential revoked in status list");

        vm.assertEq(badge.balanceOf(alice), 0);
        vm.assertEq(badge.tokenOfCredential(CREDENTIAL), 0);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badge.ownerOf(1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badge.locked(1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badge.badgeOf(1);
    }

    function test_revoke_freesCredentialForReissue() public {
        _mint();
        vm.prank(revoker);
        badge.revoke(1, "re-issue");
        vm.prank(issuer);
        uint256 again = badge.mint(alice, CONTRIBUTOR, CREDENTIAL);
        vm.assertEq(again, 2);
        vm.assertEq(badge.tokenOfCredential(CREDENTIAL), 2);
    }

    /// @dev Attack: the issuer re-mints a revoked badge's credential to someone else.
    function test_attack_revokedCredentialCannotBeBadgedForSomeoneElse() public {
        _mint();
        vm.prank(revoker);
        badge.revoke(1, "revoked");
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.CredentialOfAnotherHolder.selector, CREDENTIAL, alice));
        vm.prank(issuer);
        badge.mint(bob, CONTRIBUTOR, CREDENTIAL);
        vm.assertEq(badge.holderOfCredential(CREDENTIAL), alice);
        vm.assertEq(badge.holderOfCredential(keccak256("other")), address(0));
    }

    function test_burn_byHolderRemovesTheBadge() public {
        _mint();
        vm.expectEmit(address(badge));
        emit IERC721.Transfer(alice, address(0), 1);
        vm.expectEmit(address(badge));
        emit SoulboundBadge.BadgeBurned(1, alice, CREDENTIAL);
        vm.prank(alice);
        badge.burn(1);
        vm.assertEq(badge.balanceOf(alice), 0);
        vm.assertEq(badge.tokenOfCredential(CREDENTIAL), 0);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badge.locked(1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        vm.prank(alice);
        badge.burn(1);
        // the credential can be badged again, for its holder only
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.CredentialOfAnotherHolder.selector, CREDENTIAL, alice));
        vm.prank(issuer);
        badge.mint(bob, CONTRIBUTOR, CREDENTIAL);
        vm.prank(issuer);
        vm.assertEq(badge.mint(alice, CONTRIBUTOR, CREDENTIAL), 2);
    }

    function test_burn_refusedForAnyoneButTheHolder() public {
        _mint();
        address[3] memory others = [bob, issuer, revoker];
        for (uint256 i = 0; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.NotBadgeHolder.selector, 1, others[i]));
            vm.prank(others[i]);
            badge.burn(1);
        }
        vm.assertEq(badge.ownerOf(1), alice);
    }

    function test_revoke_revertsWithoutRevokerRole() public {
        _mint();
        expectUnauthorized(issuer, badge.REVOKER_ROLE());
        vm.prank(issuer);
        badge.revoke(1, "no");
    }

    function test_revoke_revertsForUnknownToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 7));
        vm.prank(revoker);
        badge.revoke(7, "missing");
    }

    // ---------------------------------------------------------------- soul-bound: no transfers, no approvals

    function test_locked_revertsForUnknownToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badge.locked(1);
    }

    function test_transferFrom_reverts() public {
        _mint();
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.BadgeNotTransferable.selector, 1));
        vm.prank(alice);
        badge.transferFrom(alice, bob, 1);
    }

    function test_transferFrom_revertsEvenForAdminAndIssuer() public {
        _mint();
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.BadgeNotTransferable.selector, 1));
        vm.prank(admin);
        badge.transferFrom(alice, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.BadgeNotTransferable.selector, 1));
        vm.prank(issuer);
        badge.transferFrom(alice, issuer, 1);
    }

    function test_transferFrom_toZeroRevertsInvalidReceiver() public {
        _mint();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        vm.prank(alice);
        badge.transferFrom(alice, address(0), 1);
    }

    function test_safeTransferFrom_reverts() public {
        _mint();
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.BadgeNotTransferable.selector, 1));
        vm.prank(alice);
        badge.safeTransferFrom(alice, bob, 1);
    }

    function test_safeTransferFromWithData_reverts() public {
        _mint();
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.BadgeNotTransferable.selector, 1));
        vm.prank(alice);
        badge.safeTransferFrom(alice, bob, 1, hex"beef");
    }

    function test_approve_reverts() public {
        _mint();
        vm.expectRevert(SoulboundBadge.BadgeApprovalNotAllowed.selector);
        vm.prank(alice);
        badge.approve(bob, 1);
    }

    function test_setApprovalForAll_reverts() public {
        vm.expectRevert(SoulboundBadge.BadgeApprovalNotAllowed.selector);
        vm.prank(alice);
        badge.setApprovalForAll(bob, true);
    }

    function test_approvalViews_reportNone() public {
        _mint();
        vm.assertEq(badge.getApproved(1), address(0));
        vm.assertFalse(badge.isApprovedForAll(alice, bob));
    }

    function testFuzz_transferAlwaysReverts(address from, address to, uint256 salt) public {
        vm.assume(to != address(0));
        uint256 tokenId = _mint();
        vm.expectRevert(abi.encodeWithSelector(SoulboundBadge.BadgeNotTransferable.selector, tokenId));
        vm.prank(address(uint160(uint256(keccak256(abi.encode(salt))))));
        badge.transferFrom(from, to, tokenId);
        vm.assertEq(badge.ownerOf(tokenId), alice);
    }
}
