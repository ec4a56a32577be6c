// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {FeeOnTransferToken} from "./utils/FeeOnTransferToken.sol";
import {StakingPool} from "../src/StakingPool.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract StakingPoolTest is ContractTest {
    StakingPool internal staking;
    InsurancePool internal insurance;
    TestToken internal token;
    address internal admin;
    address internal slasher;
    address internal provider;
    address internal provider2;

    uint64 internal constant DELAY = 7 days;
    uint256 internal constant T0 = 1_760_000_000;
    bytes32 internal constant SERVICE = keccak256("service:sentiment-api");
    bytes32 internal constant SERVICE2 = keccak256("service:vision-api");
    bytes32 internal constant INCIDENT = keccak256("incident:2025-001");
    bytes32 internal constant INCIDENT2 = keccak256("incident:2025-002");

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        slasher = makeAddr("slasher");
        provider = makeAddr("provider");
        provider2 = makeAddr("provider2");
        token = new TestToken("Stake", "STK", 18, address(this));
        staking = new StakingPool(address(token), DELAY, admin);
        insurance = new InsurancePool(address(token), admin);
        vm.startPrank(admin);
        staking.grantRole(staking.SLASHER_ROLE(), slasher);
        insurance.grantRole(insurance.SLASH_DEPOSITOR_ROLE(), address(staking));
        staking.setInsurancePool(address(insurance));
        vm.stopPrank();
        token.mint(provider, 1_000e18);
        token.mint(provider2, 1_000e18);
        vm.prank(provider);
        token.approve(address(staking), type(uint256).max);
        vm.prank(provider2);
        token.approve(address(staking), type(uint256).max);
    }

    function _stake(address who, bytes32 service, uint256 amount) internal {
        vm.prank(who);
        staking.stake(service, amount);
    }

    function _position(address who, bytes32 service) internal view returns (uint256 b, uint256 u, uint64 r) {
        return staking.positionOf(who, service);
    }

    // ---------------------------------------------------------------- constructor and admin

    function test_constructor() public {
        vm.assertEq(address(staking.stakingToken()), address(token));
        vm.assertEq(staking.unbondingDelay(), DELAY);
        vm.assertTrue(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertEq(staking.SLASHER_ROLE(), keccak256("SLASHER_ROLE"));
        vm.expectRevert(StakingPool.ZeroToken.selector);
        new StakingPool(address(0), DELAY, admin);
    }

    function test_setInsurancePool_emits() public {
        InsurancePool other = new InsurancePool(address(token), admin);
        vm.expectEmit(address(staking));
        emit StakingPool.InsurancePoolSet(address(insurance), address(other));
        vm.prank(admin);
        staking.setInsurancePool(address(other));
        vm.assertEq(address(staking.insurancePool()), address(other));
    }

    function test_setInsurancePool_revertsWithoutAdmin() public {
        expectUnauthorized(slasher, staking.DEFAULT_ADMIN_ROLE());
        vm.prank(slasher);
        staking.setInsurancePool(address(insurance));
    }

    function test_setInsurancePool_revertsOnZero() public {
        vm.expectRevert(StakingPool.ZeroInsurancePool.selector);
        vm.prank(admin);
        staking.setInsurancePool(address(0));
    }

    function test_setInsurancePool_revertsOnAssetMismatch() public {
        TestToken otherToken = new TestToken("Other", "OTH", 18, address(this));
        InsurancePool other = new InsurancePool(address(otherToken), admin);
        vm.expectRevert(
            abi.encodeWithSelector(StakingPool.InsurancePoolAssetMismatch.selector, address(token), address(otherToken))
        );
        vm.prank(admin);
        staking.setInsurancePool(address(other));
    }

    // ---------------------------------------------------------------- stake

    function test_stake_pullsAndEmits() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(provider, address(staking), 100e18);
        vm.expectEmit(address(staking));
        emit StakingPool.Staked(provider, SERVICE, 100e18, 100e18);
        _stake(provider, SERVICE, 100e18);
        vm.expectEmit(address(staking));
        emit StakingPool.Staked(provider, SERVICE, 50e18, 150e18);
        _stake(provider, SERVICE, 50e18);
        (uint256 bonded, uint256 unbonding, uint64 readyAt) = _position(provider, SERVICE);
        vm.assertEq(bonded, 150e18);
        vm.assertEq(unbonding, 0);
        vm.assertEq(readyAt, 0);
        vm.assertEq(staking.totalBonded(), 150e18);
        vm.assertEq(staking.totalStaked(), 150e18);
        vm.assertEq(token.balanceOf(address(staking)), 150e18);
    }

    function test_stake_revertsOnZero() public {
        vm.expectRevert(StakingPool.ZeroAmount.selector);
        _stake(provider, SERVICE, 0);
    }

    function test_stake_revertsOnFeeOnTransferToken() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        StakingPool feePool = new StakingPool(address(fee), DELAY, admin);
        fee.mint(provider, 1_000);
        vm.startPrank(provider);
        fee.approve(address(feePool), 1_000);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.TransferAmountMismatch.selector, 1_000, 990));
        feePool.stake(SERVICE, 1_000);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- unbond and withdraw

    function test_requestUnbond_movesStakeAndEmits() public {
        _stake(provider, SERVICE, 100e18);
        vm.expectEmit(address(staking));
        emit StakingPool.UnbondRequested(provider, SERVICE, 40e18, 40e18, uint64(T0) + DELAY);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 40e18);
        (uint256 bonded, uint256 unbonding, uint64 readyAt) = _position(provider, SERVICE);
        vm.assertEq(bonded, 60e18);
        vm.assertEq(unbonding, 40e18);
        vm.assertEq(readyAt, T0 + DELAY);
        vm.assertEq(staking.totalBonded(), 60e18);
        vm.assertEq(staking.totalUnbonding(), 40e18);
    }

    function test_requestUnbond_secondRequestRestartsDelay() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 40e18);
        vm.warp(T0 + 3 days);
        vm.expectEmit(address(staking));
        emit StakingPool.UnbondRequested(provider, SERVICE, 10e18, 50e18, uint64(T0 + 3 days) + DELAY);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 10e18);
        vm.warp(T0 + DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(StakingPool.UnbondingNotReady.selector, provider, SERVICE, uint64(T0 + 3 days) + DELAY)
        );
        vm.prank(provider);
        staking.withdraw(SERVICE);
    }

    function test_requestUnbond_revertsBeyondBonded() public {
        _stake(provider, SERVICE, 100e18);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.InsufficientBonded.selector, provider, SERVICE, 100e18, 101e18));
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 101e18);
        // stake on another service does not count
        vm.expectRevert(abi.encodeWithSelector(StakingPool.InsufficientBonded.selector, provider, SERVICE2, 0, 1));
        vm.prank(provider);
        staking.requestUnbond(SERVICE2, 1);
    }

    function test_requestUnbond_revertsOnZero() public {
        vm.expectRevert(StakingPool.ZeroAmount.selector);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 0);
    }

    function test_withdraw_afterDelay() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 40e18);
        vm.warp(T0 + DELAY);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(staking), provider, 40e18);
        vm.expectEmit(address(staking));
        emit StakingPool.Withdrawn(provider, SERVICE, 40e18);
        vm.prank(provider);
        uint256 amount = staking.withdraw(SERVICE);
        vm.assertEq(amount, 40e18);
        vm.assertEq(token.balanceOf(provider), 940e18);
        (uint256 bonded, uint256 unbonding, uint64 readyAt) = _position(provider, SERVICE);
        vm.assertEq(bonded, 60e18);
        vm.assertEq(unbonding, 0);
        vm.assertEq(readyAt, 0);
        vm.assertEq(staking.totalWithdrawn(), 40e18);
        vm.assertEq(staking.totalUnbonding(), 0);
    }

    function test_withdraw_revertsBeforeDelay() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 40e18);
        vm.warp(T0 + DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(StakingPool.UnbondingNotReady.selector, provider, SERVICE, uint64(T0) + DELAY)
        );
        vm.prank(provider);
        staking.withdraw(SERVICE);
    }

    function test_withdraw_revertsWithNothingUnbonding() public {
        _stake(provider, SERVICE, 100e18);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.NothingToWithdraw.selector, provider, SERVICE));
        vm.prank(provider);
        staking.withdraw(SERVICE);
    }

    function test_withdraw_secondTimeReverts() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 100e18);
        vm.warp(T0 + DELAY);
        vm.prank(provider);
        staking.withdraw(SERVICE);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.NothingToWithdraw.selector, provider, SERVICE));
        vm.prank(provider);
        staking.withdraw(SERVICE);
    }

    // ---------------------------------------------------------------- slash

    function test_slash_takesBondedFirstAndFundsInsurance() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 30e18); // bonded 70, unbonding 30
        vm.expectEmit(address(staking));
        emit StakingPool.Slashed(provider, SERVICE, INCIDENT, 80e18, 70e18, 10e18, "p99 latency SLO breached");
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(staking), address(insurance), 80e18);
        vm.expectEmit(address(insurance));
        emit InsurancePool.SlashedFundsReceived(address(staking), provider, SERVICE, INCIDENT, 80e18);
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 80e18, INCIDENT, "p99 latency SLO breached");

        (uint256 bonded, uint256 unbonding,) = _position(provider, SERVICE);
        vm.assertEq(bonded, 0);
        vm.assertEq(unbonding, 20e18);
        vm.assertEq(token.balanceOf(address(insurance)), 80e18);
        vm.assertEq(token.balanceOf(address(staking)), 20e18);
        vm.assertEq(insurance.totalSlashReceived(), 80e18);
        vm.assertEq(staking.totalSlashed(), 80e18);
        vm.assertEq(staking.totalBonded(), 0);
        vm.assertEq(staking.totalUnbonding(), 20e18);
        vm.assertTrue(staking.isSlashed(provider, SERVICE, INCIDENT));
        vm.assertFalse(staking.isSlashed(provider, SERVICE, INCIDENT2));
        vm.assertEq(token.allowance(address(staking), address(insurance)), 0);
    }

    function test_slash_wholeStakeAllowed() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 100e18, INCIDENT, "all");
        (uint256 bonded, uint256 unbonding,) = _position(provider, SERVICE);
        vm.assertEq(bonded + unbonding, 0);
    }

    function test_slash_revertsBeyondStake() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 30e18);
        vm.expectRevert(
            abi.encodeWithSelector(StakingPool.SlashExceedsStake.selector, provider, SERVICE, 100e18, 100e18 + 1)
        );
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 100e18 + 1, INCIDENT, "too much");
    }

    function test_slash_revertsForSecondSlashOfIncident() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 10e18, INCIDENT, "first");
        vm.expectRevert(abi.encodeWithSelector(StakingPool.AlreadySlashed.selector, provider, SERVICE, INCIDENT));
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 10e18, INCIDENT, "retry");
        // another incident may slash again
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 10e18, INCIDENT2, "second incident");
    }

    function test_slash_sameIncidentSlashesEachProviderOnce() public {
        _stake(provider, SERVICE, 100e18);
        _stake(provider2, SERVICE, 100e18);
        vm.startPrank(slasher);
        staking.slash(provider, SERVICE, 10e18, INCIDENT, "co-staker 1");
        staking.slash(provider2, SERVICE, 10e18, INCIDENT, "co-staker 2");
        vm.stopPrank();
        vm.assertEq(staking.totalSlashed(), 20e18);
    }

    function test_slash_revertsWithoutRole() public {
        _stake(provider, SERVICE, 100e18);
        expectUnauthorized(admin, staking.SLASHER_ROLE());
        vm.prank(admin);
        staking.slash(provider, SERVICE, 1, INCIDENT, "no");
    }

    function test_slash_revertsOnZeroAmountOrIncident() public {
        _stake(provider, SERVICE, 100e18);
        vm.startPrank(slasher);
        vm.expectRevert(StakingPool.ZeroAmount.selector);
        staking.slash(provider, SERVICE, 0, INCIDENT, "zero");
        vm.expectRevert(StakingPool.ZeroIncidentId.selector);
        staking.slash(provider, SERVICE, 1, bytes32(0), "zero incident");
        vm.stopPrank();
    }

    function test_slash_revertsWithoutInsurancePool() public {
        StakingPool bare = new StakingPool(address(token), DELAY, admin);
        bytes32 role = bare.SLASHER_ROLE();
        vm.prank(admin);
        bare.grantRole(role, slasher);
        vm.expectRevert(StakingPool.InsurancePoolNotSet.selector);
        vm.prank(slasher);
        bare.slash(provider, SERVICE, 1, INCIDENT, "no pool");
    }

    function test_slash_revertsWhenPoolRefusesDeposit() public {
        InsurancePool other = new InsurancePool(address(token), admin); // no SLASH_DEPOSITOR_ROLE for staking
        vm.prank(admin);
        staking.setInsurancePool(address(other));
        _stake(provider, SERVICE, 100e18);
        expectUnauthorized(address(staking), other.SLASH_DEPOSITOR_ROLE());
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 1, INCIDENT, "refused");
    }

    function test_slash_thenWithdrawRemainder() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 100e18);
        vm.prank(slasher);
        staking.slash(provider, SERVICE, 25e18, INCIDENT, "during unbonding");
        vm.warp(T0 + DELAY);
        vm.prank(provider);
        vm.assertEq(staking.withdraw(SERVICE), 75e18);
    }

    function testFuzz_slash_neverMoreThanStake(uint96 stakeAmount, uint96 unbondAmount, uint96 slashAmount) public {
        uint256 s = bound(stakeAmount, 1, 1_000e18);
        uint256 u = bound(unbondAmount, 0, s);
        uint256 x = bound(slashAmount, 1, 2_000e18);
        _stake(provider, SERVICE, s);
        if (u > 0) {
            vm.prank(provider);
            staking.requestUnbond(SERVICE, u);
        }
        if (x > s) {
            vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashExceedsStake.selector, provider, SERVICE, s, x));
            vm.prank(slasher);
            staking.slash(provider, SERVICE, x, INCIDENT, "fuzz");
            return;
        }
        vm.prank(slasher);
        staking.slash(provider, SERVICE, x, INCIDENT, "fuzz");
        (uint256 bonded, uint256 unbonding,) = _position(provider, SERVICE);
        vm.assertEq(bonded + unbonding, s - x);
        uint256 fromBonded = x < s - u ? x : s - u;
        vm.assertEq(bonded, s - u - fromBonded);
        vm.assertEq(unbonding, u - (x - fromBonded));
        vm.assertEq(token.balanceOf(address(insurance)), x);
    }
}
