// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {StakingPool} from "../src/StakingPool.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {ISlashReceiver} from "../src/interfaces/ISlashReceiver.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

/// @dev A receiver the attacker controls: keeps whatever is "slashed" into it.
contract EvilSlashReceiver is ISlashReceiver {
    address public immutable asset;

    constructor(address asset_) {
        asset = asset_;
    }

    function depositSlashed(address, bytes32, bytes32, uint256 amount) external {
        IERC20(asset).transferFrom(msg.sender, address(this), amount);
    }
}

/// @dev The money contracts with their admin handed to an OpenZeppelin TimelockController whose
/// proposer is the governance finalizer and whose canceller is the guardian, the deployer having
/// renounced its admin role: the attacks of a single admin key, and what governance can still do.
contract GovernedAdminTest is ContractTest {
    uint256 internal constant DELAY = 2 days;
    uint48 internal constant ADMIN_DELAY = 5 days;
    uint64 internal constant VETO = 3 days;
    uint256 internal constant T0 = 1_760_000_000;
    bytes32 internal constant SERVICE = keccak256("service:sentiment-api");

    TestToken internal token;
    StakingPool internal staking;
    InsurancePool internal insurance;
    MerkleDistributor internal distributor;
    TimelockController internal timelock;
    address internal deployer;
    address internal finalizer;
    address internal guardian;
    address internal slasher;
    address internal finance;
    address internal provider;
    address internal treasury;

    function setUp() public {
        vm.warp(T0);
        deployer = makeAddr("deployer");
        finalizer = makeAddr("finalizer");
        guardian = makeAddr("guardian");
        slasher = makeAddr("slasher");
        finance = makeAddr("finance");
        provider = makeAddr("provider");
        treasury = makeAddr("treasury");
        token = new TestToken("Stake", "STK", 6, address(this));

        address[] memory proposers = new address[](1);
        proposers[0] = finalizer;
        address[] memory executors = new address[](1);
        executors[0] = address(0); // anyone executes a call whose delay has passed
        timelock = new TimelockController(DELAY, proposers, executors, address(0));
        vm.startPrank(address(timelock)); // the timelock administers itself: canceller = guardian only
        timelock.grantRole(timelock.CANCELLER_ROLE(), guardian);
        timelock.revokeRole(timelock.CANCELLER_ROLE(), finalizer);
        vm.stopPrank();

        // The governed contracts name the timelock as their admin from the constructor (as GovernanceDeployer
        // does); the wiring is done by the timelock (the deployer's zero-delay bootstrap batch, here a prank).
        vm.startPrank(deployer);
        staking = new StakingPool(address(token), 7 days, VETO, address(timelock), ADMIN_DELAY);
        insurance = new InsurancePool(address(token), 14 days, address(timelock), ADMIN_DELAY);
        distributor = new MerkleDistributor(address(timelock), 1 days, 365 days, ADMIN_DELAY);
        vm.stopPrank();
        vm.startPrank(address(timelock));
        insurance.grantRole(insurance.SLASH_DEPOSITOR_ROLE(), address(staking));
        insurance.grantRole(insurance.UNDERWRITER_ROLE(), finance);
        insurance.grantRole(insurance.PAYER_ROLE(), finance);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), finance);
        distributor.grantRole(distributor.CHALLENGER_ROLE(), guardian);
        staking.grantRole(staking.SLASHER_ROLE(), slasher);
        staking.grantRole(staking.GUARDIAN_ROLE(), guardian);
        staking.setInsurancePool(address(insurance));
        vm.stopPrank();

        token.mint(provider, 1_000e6);
        vm.startPrank(provider);
        token.approve(address(staking), type(uint256).max);
        staking.stake(SERVICE, 1_000e6);
        vm.stopPrank();
        token.mint(finance, 10_000e6);
        vm.startPrank(finance);
        token.approve(address(insurance), type(uint256).max);
        token.approve(address(distributor), type(uint256).max);
        insurance.fund(5_000e6);
        vm.stopPrank();
    }

    function _schedule(address target, bytes memory data, bytes32 salt) internal returns (bytes32 id) {
        id = timelock.hashOperation(target, 0, data, bytes32(0), salt);
        vm.prank(finalizer);
        timelock.schedule(target, 0, data, bytes32(0), salt, DELAY);
    }

    function _execute(address target, bytes memory data, bytes32 salt) internal {
        timelock.execute(target, 0, data, bytes32(0), salt);
    }

    function test_noAccountButTheTimelockIsAdmin() public view {
        bytes32 admin = staking.DEFAULT_ADMIN_ROLE();
        address[4] memory others = [deployer, finalizer, guardian, finance];
        for (uint256 i = 0; i < others.length; ++i) {
            vm.assertFalse(staking.hasRole(admin, others[i]));
            vm.assertFalse(insurance.hasRole(admin, others[i]));
            vm.assertFalse(distributor.hasRole(admin, others[i]));
        }
        vm.assertTrue(staking.hasRole(admin, address(timelock)));
        vm.assertTrue(insurance.hasRole(admin, address(timelock)));
        vm.assertTrue(distributor.hasRole(admin, address(timelock)));
    }

    /// @dev Attack: the admin points the staking pool at its own contract and slashes every stake to
    /// itself, in one transaction. The former admin key holds no role any more.
    function test_attack_formerAdminCannotRedirectOrSlash() public {
        EvilSlashReceiver evil = new EvilSlashReceiver(address(token));
        vm.startPrank(deployer);
        expectUnauthorized(deployer, bytes32(0));
        staking.setInsurancePool(address(evil));
        expectUnauthorized(deployer, bytes32(0));
        staking.grantRole(keccak256("SLASHER_ROLE"), deployer);
        vm.stopPrank();
        vm.assertEq(token.balanceOf(address(staking)), 1_000e6);
    }

    /// @dev The insurance pool changes only through the timelock, after its delay, and the guardian
    /// can cancel the queued change.
    function test_insurancePoolChange_waitsForTheDelayAndTheGuardianCancelsIt() public {
        EvilSlashReceiver evil = new EvilSlashReceiver(address(token));
        bytes memory data = abi.encodeCall(staking.setInsurancePool, (address(evil)));
        expectUnauthorized(guardian, timelock.PROPOSER_ROLE());
        vm.prank(guardian);
        timelock.schedule(address(staking), 0, data, bytes32(0), bytes32(0), DELAY);
        bytes32 id = _schedule(address(staking), data, bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector, id, bytes32(uint256(1) << uint8(TimelockController.OperationState.Ready))
            )
        );
        _execute(address(staking), data, bytes32(0));
        expectUnauthorized(finalizer, timelock.CANCELLER_ROLE());
        vm.prank(finalizer);
        timelock.cancel(id);
        vm.prank(guardian);
        timelock.cancel(id);
        vm.warp(T0 + DELAY);
        vm.expectRevert();
        _execute(address(staking), data, bytes32(0));
        vm.assertEq(address(staking.insurancePool()), address(insurance));
    }

    /// @dev Even a change that governance let through moves no stake at once: a slash still waits
    /// the veto window, in which governance cancels it.
    function test_governanceCancelsASlashThroughTheTimelock() public {
        vm.prank(slasher);
        staking.proposeSlash(provider, SERVICE, 500e6, keccak256("incident"), uint64(T0), "made up");
        bytes memory data = abi.encodeCall(staking.cancelSlash, (provider, SERVICE, keccak256("incident"), "vote: no breach"));
        _schedule(address(staking), data, bytes32(0));
        vm.warp(T0 + DELAY);
        _execute(address(staking), data, bytes32(0));
        vm.warp(T0 + VETO);
        vm.expectRevert(
            abi.encodeWithSelector(StakingPool.SlashNotPending.selector, provider, SERVICE, keccak256("incident"))
        );
        staking.executeSlash(provider, SERVICE, keccak256("incident"));
        vm.assertEq(token.balanceOf(address(staking)), 1_000e6);
    }

    /// @dev Attack: the admin creates a free policy for itself and pays itself a claim, in one
    /// transaction. The former admin cannot grant itself the roles; capital leaves only through the
    /// timelock, after its delay, and only above the exposure.
    function test_attack_formerAdminCannotTakeTheCapital() public {
        vm.startPrank(deployer);
        expectUnauthorized(deployer, bytes32(0));
        insurance.grantRole(keccak256("UNDERWRITER_ROLE"), deployer);
        expectUnauthorized(deployer, bytes32(0));
        insurance.withdrawCapital(deployer, 1);
        vm.stopPrank();

        vm.prank(finance);
        insurance.createPolicy(keccak256("policy"), provider, SERVICE, 3_000e6, 0, uint64(T0 + 30 days));
        bytes memory tooMuch = abi.encodeCall(insurance.withdrawCapital, (treasury, 2_000e6 + 1));
        _schedule(address(insurance), tooMuch, bytes32(0));
        bytes memory allowed = abi.encodeCall(insurance.withdrawCapital, (treasury, 2_000e6));
        _schedule(address(insurance), allowed, bytes32(0));
        vm.warp(T0 + DELAY);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.CapitalBelowExposure.selector, 2_000e6, 2_000e6 + 1));
        _execute(address(insurance), tooMuch, bytes32(0));
        _execute(address(insurance), allowed, bytes32(0));
        vm.assertEq(token.balanceOf(treasury), 2_000e6);
        vm.assertEq(insurance.poolBalance(), 3_000e6); // the cover stays backed
    }

    /// @dev Unclaimed revenue is swept to the treasury only by a timelocked governance call after the claim period.
    function test_sweepOnlyThroughTheTimelockAfterTheClaimPeriod() public {
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = distributor.leafHash(provider, address(token), 600e6);
        leaves[1] = distributor.leafHash(treasury, address(token), 0);
        bytes32[] memory tree = MerkleBuilder.build(leaves);
        vm.prank(finance);
        distributor.postRoot(address(token), MerkleBuilder.root(tree), 600e6);
        expectUnauthorized(deployer, bytes32(0));
        vm.prank(deployer);
        distributor.sweep(address(token), deployer);
        bytes memory data = abi.encodeCall(distributor.sweep, (address(token), treasury));
        _schedule(address(distributor), data, bytes32(0));
        vm.warp(T0 + DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.SweepTooEarly.selector, address(token), uint64(T0 + 1 days + 365 days))
        );
        _execute(address(distributor), data, bytes32(0));
        vm.warp(T0 + 1 days + 365 days);
        _execute(address(distributor), data, bytes32(0));
        vm.assertEq(token.balanceOf(treasury), 600e6);
    }

    // ---------------------------------------------------------------- two-step admin hand-over

    /// @dev Attack: the admin (or a governance call that slipped through) hands DEFAULT_ADMIN_ROLE to
    /// an account in one transaction. grantRole, revokeRole and renounceRole of the admin role are refused;
    /// the only way is begin -> wait the admin delay -> accept.
    function test_adminRole_cannotBeGrantedInOneStep() public {
        bytes32 admin = staking.DEFAULT_ADMIN_ROLE();
        bytes4 enforced = IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector;
        vm.startPrank(address(timelock));
        vm.expectRevert(enforced);
        staking.grantRole(admin, deployer);
        vm.expectRevert(enforced);
        insurance.grantRole(admin, deployer);
        vm.expectRevert(enforced);
        distributor.grantRole(admin, deployer);
        vm.expectRevert(enforced);
        staking.revokeRole(admin, address(timelock));
        vm.stopPrank();

        // the same through a timelocked governance call: it fails when executed
        bytes memory data = abi.encodeCall(staking.grantRole, (admin, deployer));
        _schedule(address(staking), data, keccak256("grant"));
        vm.warp(T0 + DELAY);
        vm.expectRevert(enforced);
        _execute(address(staking), data, keccak256("grant"));
        vm.assertFalse(staking.hasRole(admin, deployer));
        vm.assertEq(staking.defaultAdmin(), address(timelock));
    }

    /// @dev A hand-over begun by governance completes only after the admin delay, and only by the new admin.
    function test_adminTransfer_completesOnlyAfterTheDelay() public {
        address successor = makeAddr("successorTimelock");
        bytes32 admin = staking.DEFAULT_ADMIN_ROLE();
        vm.assertEq(staking.defaultAdminDelay(), ADMIN_DELAY);
        bytes memory data = abi.encodeCall(staking.beginDefaultAdminTransfer, (successor));
        _schedule(address(staking), data, bytes32(0));
        vm.warp(T0 + DELAY);
        vm.expectEmit(address(staking));
        emit IAccessControlDefaultAdminRules.DefaultAdminTransferScheduled(successor, uint48(T0 + DELAY + ADMIN_DELAY));
        _execute(address(staking), data, bytes32(0));
        uint48 acceptAfter = uint48(T0 + DELAY + ADMIN_DELAY);
        (address pending, uint48 schedule) = staking.pendingDefaultAdmin();
        vm.assertEq(pending, successor);
        vm.assertEq(schedule, acceptAfter);

        bytes memory early =
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, acceptAfter);
        vm.expectRevert(early);
        vm.prank(successor);
        staking.acceptDefaultAdminTransfer();
        vm.warp(acceptAfter);
        vm.expectRevert(early);
        vm.prank(successor);
        staking.acceptDefaultAdminTransfer();

        vm.warp(acceptAfter + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, deployer)
        );
        vm.prank(deployer);
        staking.acceptDefaultAdminTransfer();
        vm.prank(successor);
        staking.acceptDefaultAdminTransfer();
        vm.assertEq(staking.defaultAdmin(), successor);
        vm.assertTrue(staking.hasRole(admin, successor));
        vm.assertFalse(staking.hasRole(admin, address(timelock)));
    }

    /// @dev The guardian can neither begin a hand-over, nor change the admin delay, nor queue either in the timelock.
    function test_guardianCannotStartAnAdminTransfer() public {
        vm.startPrank(guardian);
        expectUnauthorized(guardian, bytes32(0));
        staking.beginDefaultAdminTransfer(guardian);
        expectUnauthorized(guardian, bytes32(0));
        insurance.beginDefaultAdminTransfer(guardian);
        expectUnauthorized(guardian, bytes32(0));
        distributor.beginDefaultAdminTransfer(guardian);
        expectUnauthorized(guardian, bytes32(0));
        staking.changeDefaultAdminDelay(0);
        bytes memory data = abi.encodeCall(staking.beginDefaultAdminTransfer, (guardian));
        expectUnauthorized(guardian, timelock.PROPOSER_ROLE());
        timelock.schedule(address(staking), 0, data, bytes32(0), bytes32(0), DELAY);
        vm.stopPrank();
        (address pending,) = staking.pendingDefaultAdmin();
        vm.assertEq(pending, address(0));
        vm.assertEq(staking.defaultAdmin(), address(timelock));
    }

    /// @dev A queued hand-over is stopped by the guardian cancelling it in the timelock before it runs.
    function test_guardianCancelsAQueuedAdminTransfer() public {
        bytes memory data = abi.encodeCall(staking.beginDefaultAdminTransfer, (deployer));
        bytes32 id = _schedule(address(staking), data, bytes32(0));
        vm.prank(guardian);
        timelock.cancel(id);
        vm.warp(T0 + DELAY);
        vm.expectRevert();
        _execute(address(staking), data, bytes32(0));
        (address pending,) = staking.pendingDefaultAdmin();
        vm.assertEq(pending, address(0));
    }
}
