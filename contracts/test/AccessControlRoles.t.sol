// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {ReentrantToken} from "./utils/ReentrantToken.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {SoulboundBadge} from "../src/SoulboundBadge.sol";
import {AssetAnchorRegistry} from "../src/AssetAnchorRegistry.sol";
import {GovernanceFinalizer} from "../src/GovernanceFinalizer.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {StakingPool} from "../src/StakingPool.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @dev The inherited AccessControl functions of every contract (grantRole, revokeRole, renounceRole,
/// getRoleAdmin, hasRole) and the reentrancy guards of the token-moving contracts.
contract AccessControlRolesTest is ContractTest {
    address internal admin;
    address internal operator;
    address internal stranger;
    IAccessControl[6] internal contracts;
    bytes32[6] internal roles;
    TestToken internal token;

    function setUp() public {
        admin = makeAddr("admin");
        operator = makeAddr("operator");
        stranger = makeAddr("stranger");
        token = new TestToken("T", "T", 18, admin);
        SoulboundBadge badge = new SoulboundBadge("B", "B", admin, 0);
        AssetAnchorRegistry registry = new AssetAnchorRegistry(admin, 0);
        GovernanceFinalizer finalizer = new GovernanceFinalizer(admin, address(token), 1 days, 7 days, 0, 0, 0);
        MerkleDistributor distributor = new MerkleDistributor(admin, 0, 365 days, 0);
        StakingPool staking = new StakingPool(address(token), 1 days, 1 days, admin, 0);
        InsurancePool insurance = new InsurancePool(address(token), 1 days, admin, 0);
        contracts = [
            IAccessControl(address(badge)),
            IAccessControl(address(registry)),
            IAccessControl(address(finalizer)),
            IAccessControl(address(distributor)),
            IAccessControl(address(staking)),
            IAccessControl(address(insurance))
        ];
        roles = [
            badge.ISSUER_ROLE(),
            registry.REGISTRAR_ROLE(),
            finalizer.FINALIZER_ROLE(),
            distributor.DISTRIBUTOR_ROLE(),
            staking.SLASHER_ROLE(),
            insurance.PAYER_ROLE()
        ];
    }

    function test_grantAndRevoke_byAdmin() public {
        for (uint256 i = 0; i < contracts.length; ++i) {
            IAccessControl target = contracts[i];
            vm.assertEq(target.getRoleAdmin(roles[i]), bytes32(0));
            vm.expectEmit(address(target));
            emit IAccessControl.RoleGranted(roles[i], operator, admin);
            vm.prank(admin);
            target.grantRole(roles[i], operator);
            vm.assertTrue(target.hasRole(roles[i], operator));

            vm.expectEmit(address(target));
            emit IAccessControl.RoleRevoked(roles[i], operator, admin);
            vm.prank(admin);
            target.revokeRole(roles[i], operator);
            vm.assertFalse(target.hasRole(roles[i], operator));
        }
    }

    /// @dev Every governed contract keeps one admin, set by the constructor, which cannot be granted,
    /// revoked or renounced in one step (OpenZeppelin AccessControlDefaultAdminRules).
    function test_adminRole_isSingleAndTwoStep() public {
        for (uint256 i = 0; i < contracts.length; ++i) {
            IAccessControlDefaultAdminRules target = IAccessControlDefaultAdminRules(address(contracts[i]));
            vm.assertEq(target.defaultAdmin(), admin);
            vm.assertEq(target.defaultAdminDelay(), 0);
            vm.startPrank(admin);
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            contracts[i].grantRole(bytes32(0), operator);
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            contracts[i].revokeRole(bytes32(0), admin);
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, 0)
            );
            contracts[i].renounceRole(bytes32(0), admin);
            vm.stopPrank();
            vm.assertTrue(contracts[i].hasRole(bytes32(0), admin));
            vm.assertFalse(contracts[i].hasRole(bytes32(0), operator));
        }
    }

    function test_constructors_refuseAZeroAdmin() public {
        bytes memory invalid =
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0));
        vm.expectRevert(invalid);
        new AssetAnchorRegistry(address(0), 0);
        vm.expectRevert(invalid);
        new SoulboundBadge("B", "B", address(0), 0);
        vm.expectRevert(invalid);
        new MerkleDistributor(address(0), 0, 1, 0);
        vm.expectRevert(invalid);
        new StakingPool(address(token), 1, 1, address(0), 0);
        vm.expectRevert(invalid);
        new InsurancePool(address(token), 1, address(0), 0);
        vm.expectRevert(invalid);
        new GovernanceFinalizer(address(0), address(token), 1, 1, 0, 0, 0);
    }

    function test_grantRole_revertsForNonAdmin() public {
        for (uint256 i = 0; i < contracts.length; ++i) {
            expectUnauthorized(stranger, bytes32(0));
            vm.prank(stranger);
            contracts[i].grantRole(roles[i], stranger);
        }
    }

    function test_renounceRole() public {
        for (uint256 i = 0; i < contracts.length; ++i) {
            IAccessControl target = contracts[i];
            vm.prank(admin);
            target.grantRole(roles[i], operator);
            vm.expectRevert(IAccessControl.AccessControlBadConfirmation.selector);
            vm.prank(operator);
            target.renounceRole(roles[i], stranger);
            vm.expectEmit(address(target));
            emit IAccessControl.RoleRevoked(roles[i], operator, operator);
            vm.prank(operator);
            target.renounceRole(roles[i], operator);
            vm.assertFalse(target.hasRole(roles[i], operator));
        }
    }

    function test_distributorClaim_reentrancyBlocked() public {
        ReentrantToken evil = new ReentrantToken();
        MerkleDistributor distributor = MerkleDistributor(address(contracts[3]));
        bytes32 role = distributor.DISTRIBUTOR_ROLE();
        vm.prank(admin);
        distributor.grantRole(role, address(this));
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = distributor.leafHash(operator, address(evil), 100);
        leaves[1] = distributor.leafHash(stranger, address(evil), 100);
        bytes32[] memory tree = MerkleBuilder.build(leaves);
        evil.mint(address(this), 200);
        evil.approve(address(distributor), 200);
        distributor.postRoot(address(evil), MerkleBuilder.root(tree), 200);
        // paying operator calls back into claim for stranger
        evil.arm(
            address(distributor),
            abi.encodeCall(distributor.claim, (stranger, address(evil), 100, MerkleBuilder.proof(tree, leaves[1])))
        );
        bytes32[] memory proof = MerkleBuilder.proof(tree, leaves[0]);
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        distributor.claim(operator, address(evil), 100, proof);
    }

    function test_stakingWithdraw_reentrancyBlocked() public {
        ReentrantToken evil = new ReentrantToken();
        StakingPool staking = new StakingPool(address(evil), 0, 0, admin, 0);
        bytes32 service = keccak256("service");
        evil.mint(address(this), 100);
        evil.approve(address(staking), 100);
        staking.stake(service, 100);
        staking.requestUnbond(service, 50);
        // paying the provider calls back into withdraw
        evil.arm(address(staking), abi.encodeCall(staking.withdraw, (service)));
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        staking.withdraw(service);
    }

    function test_insurancePayClaim_reentrancyBlocked() public {
        ReentrantToken evil = new ReentrantToken();
        InsurancePool insurance = new InsurancePool(address(evil), 1 days, admin, 0);
        vm.startPrank(admin);
        insurance.grantRole(insurance.UNDERWRITER_ROLE(), address(this));
        insurance.grantRole(insurance.PAYER_ROLE(), address(this));
        insurance.grantRole(insurance.PAYER_ROLE(), address(evil)); // so the guard, not the role, stops the callback
        vm.stopPrank();
        bytes32 policy = keccak256("policy");
        evil.mint(address(this), 100);
        evil.approve(address(insurance), 100);
        insurance.fund(100);
        insurance.createPolicy(policy, operator, keccak256("service"), 100, 0, uint64(block.timestamp + 1 days));
        uint64 incidentTime = uint64(block.timestamp);
        evil.arm(
            address(insurance), abi.encodeCall(insurance.payClaim, (policy, keccak256("incident-2"), incidentTime, 10))
        );
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        insurance.payClaim(policy, keccak256("incident-1"), incidentTime, 10);
    }
}
