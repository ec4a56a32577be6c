// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {GovernanceFinalizer} from "../src/GovernanceFinalizer.sol";
import {GovernanceTimelock} from "../src/GovernanceTimelock.sol";
import {TestToken} from "../src/test/TestToken.sol";

/// @dev The route by which a dispute is resolved, end to end, with the contracts as GovernanceDeployer
/// wires them: the finalizer's admin is the GovernanceTimelock, whose only proposer is the finalizer.
/// A disputed result (proposal A) is decided by a second vote of the space (proposal B, "is A's result
/// right?"); B's finalized result records the call `timelock.schedule(finalizer, 0,
/// resolveDispute(A, verdict, reason), 0, salt, delay)`; finalizing B queues it, anyone executes it after
/// the timelock delay, and the loser's bond goes to the winner.
contract DisputeRouteTest is ContractTest {
    uint64 internal constant WINDOW = 3 days;
    uint64 internal constant PERIOD = 7 days;
    uint256 internal constant DELAY = 1 days;
    uint256 internal constant PBOND = 100e18;
    uint256 internal constant DBOND = 40e18;
    uint256 internal constant T0 = 1_750_000_000;
    bytes32 internal constant A = keccak256("proposal:raise-fee");
    bytes32 internal constant B = keccak256("proposal:dispute-of-raise-fee");
    bytes32 internal constant ROOT = keccak256("votes-root");

    TestToken internal gov;
    GovernanceFinalizer internal finalizer;
    GovernanceTimelock internal timelock;
    address internal voting;
    address internal challenger;
    address internal guardian;
    address internal anyone;

    function setUp() public {
        vm.warp(T0);
        voting = makeAddr("voting");
        challenger = makeAddr("challenger");
        guardian = makeAddr("guardian");
        anyone = makeAddr("anyone");
        gov = new TestToken("Governance", "GOV", 18, address(this));
        address[] memory none = new address[](0);
        address[] memory executors = new address[](1);
        executors[0] = address(0);
        timelock = new GovernanceTimelock(DELAY, none, executors, address(this));
        finalizer = new GovernanceFinalizer(address(timelock), address(gov), WINDOW, PERIOD, PBOND, DBOND, 0);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(finalizer));
        timelock.grantRole(timelock.CANCELLER_ROLE(), guardian);
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        bytes32 finalizerRole = finalizer.FINALIZER_ROLE();
        vm.prank(address(timelock)); // the deployer's bootstrap batch grants the app role
        finalizer.grantRole(finalizerRole, voting);
        address[2] memory bonders = [voting, challenger];
        for (uint256 i = 0; i < bonders.length; ++i) {
            gov.mint(bonders[i], 1_000e18);
            vm.prank(bonders[i]);
            gov.approve(address(finalizer), type(uint256).max);
        }
    }

    function _resolveCall(bool resultStands) internal pure returns (bytes memory) {
        return abi.encodeCall(GovernanceFinalizer.resolveDispute, (A, resultStands, "vote of the space on B"));
    }

    function _scheduleCall(bool resultStands) internal view returns (bytes memory) {
        return abi.encodeCall(
            timelock.schedule, (address(finalizer), 0, _resolveCall(resultStands), bytes32(0), B, DELAY)
        );
    }

    /// @dev A is posted and disputed; B, the dispute vote, is posted with the scheduling call.
    function _disputeAndVote(bool resultStands) internal {
        vm.prank(voting);
        finalizer.postResult(A, keccak256("result:fee-raised"), ROOT, address(0), "");
        vm.warp(T0 + 1 days);
        vm.prank(challenger);
        finalizer.dispute(A, "the tally counted revoked credentials");
        vm.warp(T0 + 2 days); // the space votes on B
        vm.prank(voting);
        finalizer.postResult(
            B, resultStands ? keccak256("result:A-stands") : keccak256("result:A-wrong"), ROOT, address(timelock), _scheduleCall(resultStands)
        );
    }

    function _status(bytes32 id) internal view returns (GovernanceFinalizer.Status status) {
        (status,,,,,,,) = finalizer.getResult(id);
    }

    function test_nobodyButTheTimelockResolves() public {
        _disputeAndVote(false);
        address[4] memory callers = [voting, challenger, guardian, anyone];
        for (uint256 i = 0; i < callers.length; ++i) {
            expectUnauthorized(callers[i], bytes32(0));
            vm.prank(callers[i]);
            finalizer.resolveDispute(A, false, "self-service");
        }
        expectUnauthorized(voting, timelock.PROPOSER_ROLE());
        vm.prank(voting);
        timelock.schedule(address(finalizer), 0, _resolveCall(false), bytes32(0), B, DELAY);
    }

    /// @dev The dispute vote says A was wrong: the challenger gets both bonds and A's result can never come back.
    function test_route_disputeUpheld_challengerTakesBothBonds() public {
        _disputeAndVote(false);
        bytes32 op = timelock.hashOperation(address(finalizer), 0, _resolveCall(false), bytes32(0), B);
        vm.warp(T0 + 2 days + WINDOW);
        vm.prank(anyone);
        finalizer.finalize(B); // runs timelock.schedule as the timelock's proposer
        vm.assertTrue(timelock.isOperationPending(op));
        vm.assertEq(timelock.getTimestamp(op), T0 + 2 days + WINDOW + DELAY);
        vm.assertEq(uint8(_status(A)), uint8(GovernanceFinalizer.Status.Disputed));

        vm.expectRevert();
        timelock.execute(address(finalizer), 0, _resolveCall(false), bytes32(0), B); // before the delay
        vm.warp(T0 + 2 days + WINDOW + DELAY);
        uint256 challengerBefore = gov.balanceOf(challenger);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.DisputeResolved(A, 1, false, challenger, PBOND, "vote of the space on B");
        vm.prank(anyone);
        timelock.execute(address(finalizer), 0, _resolveCall(false), bytes32(0), B);

        vm.assertTrue(timelock.isOperationDone(op));
        vm.assertEq(uint8(_status(A)), uint8(GovernanceFinalizer.Status.Rejected));
        vm.assertEq(gov.balanceOf(challenger) - challengerBefore, PBOND + DBOND);
        // the proposer's B bond came back at B's finalize; A's bond is gone to the challenger
        vm.assertEq(gov.balanceOf(voting), 1_000e18 - PBOND);
        vm.assertEq(gov.balanceOf(address(finalizer)), 0);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultRejectedBefore.selector, A));
        vm.prank(voting);
        finalizer.postResult(A, keccak256("result:fee-raised"), ROOT, address(0), "");
    }

    /// @dev The dispute vote says A stands: the proposer gets the dispute bond and A finalizes.
    function test_route_disputeRejected_proposerTakesTheDisputeBond() public {
        _disputeAndVote(true);
        vm.warp(T0 + 2 days + WINDOW);
        finalizer.finalize(B);
        vm.warp(T0 + 2 days + WINDOW + DELAY);
        timelock.execute(address(finalizer), 0, _resolveCall(true), bytes32(0), B);
        vm.assertEq(uint8(_status(A)), uint8(GovernanceFinalizer.Status.Posted));
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultConfirmed.selector, A));
        vm.prank(challenger);
        finalizer.dispute(A, "again");
        finalizer.finalize(A);
        vm.assertEq(uint8(_status(A)), uint8(GovernanceFinalizer.Status.Finalized));
        vm.assertEq(gov.balanceOf(voting), 1_000e18 + DBOND);
        vm.assertEq(gov.balanceOf(challenger), 1_000e18 - DBOND);
    }

    /// @dev The guardian can stop a queued resolution; A then expires and the bonds go back.
    function test_route_guardianCancelsTheQueuedResolution() public {
        _disputeAndVote(false);
        vm.warp(T0 + 2 days + WINDOW);
        finalizer.finalize(B);
        bytes32 op = timelock.hashOperation(address(finalizer), 0, _resolveCall(false), bytes32(0), B);
        vm.prank(guardian);
        timelock.cancel(op);
        vm.warp(T0 + 2 days + WINDOW + DELAY);
        vm.expectRevert();
        timelock.execute(address(finalizer), 0, _resolveCall(false), bytes32(0), B);
        vm.warp(T0 + WINDOW + PERIOD);
        finalizer.expire(A);
        vm.assertEq(gov.balanceOf(voting), 1_000e18);
        vm.assertEq(gov.balanceOf(challenger), 1_000e18);
    }
}
