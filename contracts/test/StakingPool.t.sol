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
    uint64 internal constant VETO = 2 days;
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
        staking = new StakingPool(address(token), DELAY, VETO, admin, 0);
        insurance = new InsurancePool(address(token), 0, admin, 0);
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
        (b, u, r,) = staking.positionOf(who, service);
    }

    /// @dev Proposes a slash for an incident that happened now and executes it after the veto window.
    function _slash(address who, bytes32 service, uint256 amount, bytes32 incident) internal returns (uint256 taken) {
        vm.prank(slasher);
        staking.proposeSlash(who, service, amount, incident, uint64(block.timestamp), "test");
        vm.warp(block.timestamp + VETO);
        taken = staking.executeSlash(who, service, incident);
    }

    // ---------------------------------------------------------------- constructor and admin

    function test_constructor() public {
        vm.assertEq(address(staking.stakingToken()), address(token));
        vm.assertEq(staking.unbondingDelay(), DELAY);
        vm.assertEq(staking.slashVetoWindow(), VETO);
        vm.assertTrue(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertEq(staking.SLASHER_ROLE(), keccak256("SLASHER_ROLE"));
        vm.expectRevert(StakingPool.ZeroToken.selector);
        new StakingPool(address(0), DELAY, VETO, admin, 0);
    }

    function test_setInsurancePool_emits() public {
        InsurancePool other = new InsurancePool(address(token), 0, admin, 0);
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
        InsurancePool other = new InsurancePool(address(otherToken), 0, admin, 0);
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
        StakingPool feePool = new StakingPool(address(fee), DELAY, VETO, admin, 0);
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

    function test_withdraw_waitsForPendingSlash() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 100e18);
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 10e18, INCIDENT, uint64(T0), "pending");
        vm.warp(T0 + DELAY);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashPending.selector, provider, SERVICE, uint32(1)));
        vm.prank(provider);
        staking.withdraw(SERVICE);
        staking.executeSlash(provider, SERVICE, INCIDENT);
        vm.prank(provider);
        vm.assertEq(staking.withdraw(SERVICE), 90e18);
    }

    // ---------------------------------------------------------------- propose, cancel, execute

    function test_proposeSlash_recordsAndEmits() public {
        _stake(provider, SERVICE, 100e18);
        vm.warp(T0 + 1 hours);
        vm.expectEmit(address(staking));
        emit StakingPool.SlashProposed(provider, SERVICE, INCIDENT, 80e18, uint64(T0 + 10), uint64(T0 + 1 hours) + VETO, "p99");
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 80e18, INCIDENT, uint64(T0 + 10), "p99");
        (StakingPool.SlashStatus status, uint256 amount, uint64 incidentTime, uint64 executableAt, uint256 slashed) =
            staking.getSlash(provider, SERVICE, INCIDENT);
        vm.assertTrue(status == StakingPool.SlashStatus.Pending);
        vm.assertEq(amount, 80e18);
        vm.assertEq(incidentTime, T0 + 10);
        vm.assertEq(executableAt, T0 + 1 hours + VETO);
        vm.assertEq(slashed, 0);
        (,,, uint32 pending) = staking.positionOf(provider, SERVICE);
        vm.assertEq(pending, 1);
        vm.assertFalse(staking.isSlashed(provider, SERVICE, INCIDENT));
        vm.assertEq(token.balanceOf(address(staking)), 100e18); // nothing moves before execution
    }

    function test_executeSlash_takesBondedFirstAndFundsInsurance() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 30e18); // bonded 70, unbonding 30
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 80e18, INCIDENT, uint64(T0), "p99 latency SLO breached");
        vm.warp(T0 + VETO);
        vm.expectEmit(address(staking));
        emit StakingPool.Slashed(provider, SERVICE, INCIDENT, 80e18, 70e18, 10e18);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(staking), address(insurance), 80e18);
        vm.expectEmit(address(insurance));
        emit InsurancePool.SlashedFundsReceived(address(staking), provider, SERVICE, INCIDENT, 80e18);
        vm.prank(provider2); // anyone may execute
        vm.assertEq(staking.executeSlash(provider, SERVICE, INCIDENT), 80e18);

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
        (StakingPool.SlashStatus status,,,, uint256 slashed) = staking.getSlash(provider, SERVICE, INCIDENT);
        vm.assertTrue(status == StakingPool.SlashStatus.Executed);
        vm.assertEq(slashed, 80e18);
        (,,, uint32 pending) = staking.positionOf(provider, SERVICE);
        vm.assertEq(pending, 0);
    }

    function test_executeSlash_revertsInsideVetoWindow() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 10e18, INCIDENT, uint64(T0), "early");
        vm.warp(T0 + VETO - 1);
        vm.expectRevert(
            abi.encodeWithSelector(StakingPool.VetoWindowOpen.selector, provider, SERVICE, INCIDENT, uint64(T0) + VETO)
        );
        staking.executeSlash(provider, SERVICE, INCIDENT);
    }

    function test_executeSlash_revertsWhenNotPending() public {
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashNotPending.selector, provider, SERVICE, INCIDENT));
        staking.executeSlash(provider, SERVICE, INCIDENT);
        _stake(provider, SERVICE, 100e18);
        _slash(provider, SERVICE, 10e18, INCIDENT);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashNotPending.selector, provider, SERVICE, INCIDENT));
        staking.executeSlash(provider, SERVICE, INCIDENT);
    }

    function test_cancelSlash_byGovernanceStopsIt() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 50e18, INCIDENT, uint64(T0), "disputed");
        vm.expectEmit(address(staking));
        emit StakingPool.SlashCancelled(provider, SERVICE, INCIDENT, admin, "provider won the dispute vote");
        vm.prank(admin);
        staking.cancelSlash(provider, SERVICE, INCIDENT, "provider won the dispute vote");
        vm.warp(T0 + VETO);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashNotPending.selector, provider, SERVICE, INCIDENT));
        staking.executeSlash(provider, SERVICE, INCIDENT);
        // the slasher cannot bring the same incident back
        vm.expectRevert(abi.encodeWithSelector(StakingPool.AlreadySlashed.selector, provider, SERVICE, INCIDENT));
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 50e18, INCIDENT, uint64(T0), "again");
        (StakingPool.SlashStatus status,,,,) = staking.getSlash(provider, SERVICE, INCIDENT);
        vm.assertTrue(status == StakingPool.SlashStatus.Cancelled);
        vm.assertEq(token.balanceOf(address(staking)), 100e18);
        (,,, uint32 pending) = staking.positionOf(provider, SERVICE);
        vm.assertEq(pending, 0);
    }

    function test_cancelSlash_revertsForSlasherOrWhenNotPending() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 50e18, INCIDENT, uint64(T0), "x");
        expectUnauthorized(slasher, staking.DEFAULT_ADMIN_ROLE());
        vm.prank(slasher);
        staking.cancelSlash(provider, SERVICE, INCIDENT, "x");
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashNotPending.selector, provider, SERVICE, INCIDENT2));
        vm.prank(admin);
        staking.cancelSlash(provider, SERVICE, INCIDENT2, "unknown");
        vm.warp(T0 + VETO);
        staking.executeSlash(provider, SERVICE, INCIDENT);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.SlashNotPending.selector, provider, SERVICE, INCIDENT));
        vm.prank(admin);
        staking.cancelSlash(provider, SERVICE, INCIDENT, "too late");
    }

    function test_proposeSlash_revertsForSecondSlashOfIncident() public {
        _stake(provider, SERVICE, 100e18);
        _slash(provider, SERVICE, 10e18, INCIDENT);
        vm.expectRevert(abi.encodeWithSelector(StakingPool.AlreadySlashed.selector, provider, SERVICE, INCIDENT));
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 10e18, INCIDENT, uint64(T0), "retry");
        // another incident may slash again
        vm.assertEq(_slash(provider, SERVICE, 10e18, INCIDENT2), 10e18);
    }

    function test_proposeSlash_sameIncidentSlashesEachProviderOnce() public {
        _stake(provider, SERVICE, 100e18);
        _stake(provider2, SERVICE, 100e18);
        vm.startPrank(slasher);
        staking.proposeSlash(provider, SERVICE, 10e18, INCIDENT, uint64(T0), "co-staker 1");
        staking.proposeSlash(provider2, SERVICE, 10e18, INCIDENT, uint64(T0), "co-staker 2");
        vm.stopPrank();
        vm.warp(T0 + VETO);
        staking.executeSlash(provider, SERVICE, INCIDENT);
        staking.executeSlash(provider2, SERVICE, INCIDENT);
        vm.assertEq(staking.totalSlashed(), 20e18);
    }

    function test_proposeSlash_revertsWithoutRole() public {
        _stake(provider, SERVICE, 100e18);
        expectUnauthorized(admin, staking.SLASHER_ROLE());
        vm.prank(admin);
        staking.proposeSlash(provider, SERVICE, 1, INCIDENT, uint64(T0), "no");
    }

    function test_proposeSlash_revertsOnBadInput() public {
        _stake(provider, SERVICE, 100e18);
        vm.startPrank(slasher);
        vm.expectRevert(StakingPool.ZeroAmount.selector);
        staking.proposeSlash(provider, SERVICE, 0, INCIDENT, uint64(T0), "zero");
        vm.expectRevert(StakingPool.ZeroIncidentId.selector);
        staking.proposeSlash(provider, SERVICE, 1, bytes32(0), uint64(T0), "zero incident");
        vm.expectRevert(abi.encodeWithSelector(StakingPool.InvalidIncidentTime.selector, uint64(0), T0));
        staking.proposeSlash(provider, SERVICE, 1, INCIDENT, 0, "no time");
        vm.expectRevert(abi.encodeWithSelector(StakingPool.InvalidIncidentTime.selector, uint64(T0 + 1), T0));
        staking.proposeSlash(provider, SERVICE, 1, INCIDENT, uint64(T0 + 1), "future");
        vm.stopPrank();
        (StakingPool.SlashStatus status,,,,) = staking.getSlash(provider, SERVICE, INCIDENT);
        vm.assertTrue(status == StakingPool.SlashStatus.None);
    }

    function test_proposeSlash_revertsWithoutInsurancePool() public {
        StakingPool bare = new StakingPool(address(token), DELAY, VETO, admin, 0);
        bytes32 role = bare.SLASHER_ROLE();
        vm.prank(admin);
        bare.grantRole(role, slasher);
        vm.expectRevert(StakingPool.InsurancePoolNotSet.selector);
        vm.prank(slasher);
        bare.proposeSlash(provider, SERVICE, 1, INCIDENT, uint64(T0), "no pool");
    }

    function test_executeSlash_revertsWhenPoolRefusesDeposit() public {
        InsurancePool other = new InsurancePool(address(token), 0, admin, 0); // no SLASH_DEPOSITOR_ROLE for staking
        vm.prank(admin);
        staking.setInsurancePool(address(other));
        _stake(provider, SERVICE, 100e18);
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 1, INCIDENT, uint64(T0), "refused");
        vm.warp(T0 + VETO);
        expectUnauthorized(address(staking), other.SLASH_DEPOSITOR_ROLE());
        staking.executeSlash(provider, SERVICE, INCIDENT);
    }

    function test_slash_thenWithdrawRemainder() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 100e18);
        _slash(provider, SERVICE, 25e18, INCIDENT);
        vm.warp(T0 + DELAY);
        vm.prank(provider);
        vm.assertEq(staking.withdraw(SERVICE), 75e18);
    }

    // ---------------------------------------------------------------- the attacks on slashing

    /// @dev Attack: a provider whose unbonding delay has passed withdraws just before the slash. The
    /// slash used to revert SlashExceedsStake; now it takes what is left.
    function test_attack_withdrawJustBeforeSlash_slashTakesWhatIsLeft() public {
        _stake(provider, SERVICE, 100e18);
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 90e18);
        vm.warp(T0 + DELAY);
        uint64 incidentTime = uint64(block.timestamp);
        vm.prank(provider);
        staking.withdraw(SERVICE); // front-runs the proposal
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 50e18, INCIDENT, incidentTime, "late");
        vm.warp(block.timestamp + VETO);
        vm.assertEq(staking.executeSlash(provider, SERVICE, INCIDENT), 10e18);
        vm.assertEq(token.balanceOf(address(insurance)), 10e18);
        (uint256 bonded, uint256 unbonding,) = _position(provider, SERVICE);
        vm.assertEq(bonded + unbonding, 0);
    }

    /// @dev Attack: stake added after an incident used to be slashed for it.
    function test_attack_stakeAddedAfterIncident_isNotTaken() public {
        _stake(provider, SERVICE, 100e18);
        vm.warp(T0 + 1 days);
        _stake(provider, SERVICE, 900e18); // after the incident at T0
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 1_000e18, INCIDENT, uint64(T0), "incident of yesterday");
        vm.assertEq(staking.slashableAt(provider, SERVICE, uint64(T0)), 100e18);
        vm.warp(block.timestamp + VETO);
        vm.assertEq(staking.executeSlash(provider, SERVICE, INCIDENT), 100e18);
        (uint256 bonded,,) = _position(provider, SERVICE);
        vm.assertEq(bonded, 900e18);
    }

    /// @dev Stake that left after the incident and came back as a new deposit is new stake: only
    /// the part of the incident-time stake still held is slashable.
    function test_slashable_stakeThatLeftAndCameBackIsNew() public {
        _stake(provider, SERVICE, 100e18); // held at the incident, T0
        vm.prank(provider);
        staking.requestUnbond(SERVICE, 60e18);
        vm.warp(T0 + DELAY);
        vm.prank(provider);
        staking.withdraw(SERVICE);
        _stake(provider, SERVICE, 60e18);
        vm.assertEq(staking.slashableAt(provider, SERVICE, uint64(T0)), 40e18);
        vm.assertEq(staking.slashableAt(provider, SERVICE, uint64(block.timestamp)), 100e18);
        vm.assertEq(staking.slashableAt(provider, SERVICE, uint64(T0 - 1)), 0); // before any stake
        vm.assertEq(staking.slashableAt(provider2, SERVICE, uint64(T0)), 0);
    }

    function test_executeSlash_withNothingSlashableTakesNothing() public {
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 10e18, INCIDENT, uint64(T0), "no stake");
        vm.warp(T0 + VETO);
        vm.recordLogs();
        vm.assertEq(staking.executeSlash(provider, SERVICE, INCIDENT), 0);
        vm.assertEq(vm.getRecordedLogs().length, 1); // Slashed(…, 0, 0, 0), no transfer
        vm.assertTrue(staking.isSlashed(provider, SERVICE, INCIDENT));
        vm.assertEq(token.balanceOf(address(insurance)), 0);
    }

    function test_executeSlash_beyondStakeTakesTheStake() public {
        _stake(provider, SERVICE, 100e18);
        vm.assertEq(_slash(provider, SERVICE, 500e18, INCIDENT), 100e18);
        (uint256 bonded, uint256 unbonding,) = _position(provider, SERVICE);
        vm.assertEq(bonded + unbonding, 0);
    }

    /// @dev Slashed never exceeds the stake held at the incident's time (independently modelled
    /// here from the deposits before and after), nor the proposed amount, nor the current stake.
    function testFuzz_slash_boundedByStakeAtIncidentTime(
        uint96 before,
        uint96 afterwards,
        uint96 unbondAmount,
        uint96 slashAmount,
        bool withdrawFirst
    ) public {
        uint256 b = bound(before, 0, 400e18);
        uint256 a = bound(afterwards, 0, 400e18);
        uint256 x = bound(slashAmount, 1, 2_000e18);
        if (b > 0) _stake(provider, SERVICE, b);
        uint64 incidentTime = uint64(block.timestamp);
        vm.warp(block.timestamp + 1 hours);
        if (a > 0) _stake(provider, SERVICE, a);
        uint256 u = bound(unbondAmount, 0, a + b);
        uint256 withdrawn;
        if (u > 0) {
            vm.prank(provider);
            staking.requestUnbond(SERVICE, u);
            if (withdrawFirst) {
                vm.warp(block.timestamp + DELAY);
                vm.prank(provider);
                withdrawn = staking.withdraw(SERVICE);
            }
        }
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, x, INCIDENT, incidentTime, "fuzz");
        vm.warp(block.timestamp + VETO);
        uint256 taken = staking.executeSlash(provider, SERVICE, INCIDENT);
        uint256 held = a + b - withdrawn;
        uint256 heldFromIncident = held > a ? held - a : 0;
        vm.assertEq(taken, x < heldFromIncident ? x : heldFromIncident);
        vm.assertLe(taken, b);
        (uint256 bonded, uint256 unbonding,) = _position(provider, SERVICE);
        vm.assertEq(bonded + unbonding, held - taken);
        vm.assertEq(token.balanceOf(address(insurance)), taken);
    }
}
