// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {StakingPool} from "../src/StakingPool.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {GuardianPausable} from "../src/GuardianPausable.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @dev The guardian pauses the value-moving functions of the money contracts; only the admin
/// (governance) resumes them; the guardian cannot move funds or grant roles; users' own exits stay open.
contract GuardianPauseTest is ContractTest {
    uint256 internal constant T0 = 1_760_000_000;
    bytes32 internal constant SERVICE = keccak256("service");
    bytes32 internal constant POLICY = keccak256("policy");

    TestToken internal token;
    StakingPool internal staking;
    InsurancePool internal insurance;
    MerkleDistributor internal distributor;
    address internal admin;
    address internal guardian;
    address internal operator;
    address internal provider;
    bytes32[] internal tree;
    bytes32[] internal leaves;

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        guardian = makeAddr("guardian");
        operator = makeAddr("operator");
        provider = makeAddr("provider");
        token = new TestToken("T", "T", 6, address(this));
        staking = new StakingPool(address(token), 1 days, 1 days, admin, 0);
        insurance = new InsurancePool(address(token), 1 days, admin, 0);
        distributor = new MerkleDistributor(admin, 0, 365 days, 0);
        vm.startPrank(admin);
        GuardianPausable[3] memory all = [GuardianPausable(address(staking)), GuardianPausable(address(insurance)), GuardianPausable(address(distributor))];
        for (uint256 i = 0; i < all.length; ++i) {
            all[i].grantRole(keccak256("GUARDIAN_ROLE"), guardian);
        }
        staking.grantRole(staking.SLASHER_ROLE(), operator);
        insurance.grantRole(insurance.SLASH_DEPOSITOR_ROLE(), address(staking));
        insurance.grantRole(insurance.UNDERWRITER_ROLE(), operator);
        insurance.grantRole(insurance.PAYER_ROLE(), operator);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), operator);
        staking.setInsurancePool(address(insurance));
        vm.stopPrank();
        token.mint(provider, 1_000);
        token.mint(operator, 10_000);
        vm.startPrank(provider);
        token.approve(address(staking), type(uint256).max);
        staking.stake(SERVICE, 1_000);
        staking.requestUnbond(SERVICE, 400);
        vm.stopPrank();
        vm.startPrank(operator);
        token.approve(address(insurance), type(uint256).max);
        token.approve(address(distributor), type(uint256).max);
        insurance.fund(5_000);
        insurance.createPolicy(POLICY, provider, SERVICE, 1_000, 0, uint64(T0 + 30 days));
        leaves.push(distributor.leafHash(provider, address(token), 600));
        leaves.push(distributor.leafHash(operator, address(token), 0));
        tree = MerkleBuilder.build(leaves);
        distributor.postRoot(address(token), MerkleBuilder.root(tree), 600);
        staking.proposeSlash(provider, SERVICE, 100, keccak256("incident"), uint64(T0), "breach");
        vm.stopPrank();
    }

    function _pauseAll() internal {
        vm.startPrank(guardian);
        vm.expectEmit(address(staking));
        emit Pausable.Paused(guardian);
        staking.pause();
        insurance.pause();
        distributor.pause();
        vm.stopPrank();
    }

    function test_pause_stopsValueMovingFunctions() public {
        _pauseAll();
        vm.assertTrue(staking.paused() && insurance.paused() && distributor.paused());
        vm.warp(T0 + 1 days);
        bytes memory paused = abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        vm.expectRevert(paused);
        staking.executeSlash(provider, SERVICE, keccak256("incident"));
        vm.startPrank(operator);
        vm.expectRevert(paused);
        staking.proposeSlash(provider, SERVICE, 1, keccak256("incident-2"), uint64(T0), "x");
        vm.expectRevert(paused);
        insurance.payClaim(POLICY, keccak256("incident"), uint64(T0), 1);
        vm.expectRevert(paused);
        insurance.createPolicy(keccak256("p2"), provider, SERVICE, 1, 0, uint64(T0 + 30 days));
        vm.expectRevert(paused);
        distributor.postRoot(address(token), keccak256("root"), 600);
        vm.stopPrank();
        bytes32[] memory proof = MerkleBuilder.proof(tree, leaves[0]);
        vm.expectRevert(paused);
        distributor.claim(provider, address(token), 600, proof);
        vm.expectRevert(paused);
        vm.prank(provider);
        staking.stake(SERVICE, 1);
        vm.startPrank(admin);
        vm.expectRevert(paused);
        insurance.withdrawCapital(admin, 1);
        vm.expectRevert(paused);
        distributor.sweep(address(token), admin);
        vm.stopPrank();
    }

    /// @dev A provider's own exit is not paused (and waits for the pending slash as always).
    function test_pause_leavesUsersExitsOpen() public {
        _pauseAll();
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 100);
        vm.warp(T0 + 1 days);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashPending.selector, provider, SERVICE, uint32(1)));
        vm.prank(provider);
        staking.withdraw(SERVICE);
    }

    function test_onlyTheGuardianPausesAndOnlyTheAdminUnpauses() public {
        expectUnauthorized(operator, keccak256("GUARDIAN_ROLE"));
        vm.prank(operator);
        staking.pause();
        _pauseAll();
        expectUnauthorized(guardian, bytes32(0));
        vm.prank(guardian);
        staking.unpause();
        vm.expectEmit(address(staking));
        emit Pausable.Unpaused(admin);
        vm.prank(admin);
        staking.unpause();
        vm.assertFalse(staking.paused());
        vm.expectRevert(abi.encodeWithSelector(Pausable.ExpectedPause.selector));
        vm.prank(admin);
        staking.unpause();
        vm.warp(T0 + 1 days);
        vm.assertEq(staking.executeSlash(provider, SERVICE, keccak256("incident")), 100);
    }

    /// @dev The guardian's role gives it no way to move funds or grant roles.
    function test_guardianCannotMoveFundsOrGrantRoles() public {
        vm.startPrank(guardian);
        expectUnauthorized(guardian, bytes32(0));
        insurance.withdrawCapital(guardian, 1);
        expectUnauthorized(guardian, bytes32(0));
        distributor.sweep(address(token), guardian);
        expectUnauthorized(guardian, bytes32(0));
        staking.grantRole(keccak256("SLASHER_ROLE"), guardian);
        expectUnauthorized(guardian, bytes32(0));
        staking.cancelSlash(provider, SERVICE, keccak256("incident"), "guardian");
        vm.stopPrank();
        vm.assertEq(token.balanceOf(guardian), 0);
    }
}
