// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {GovernanceFinalizer} from "../src/GovernanceFinalizer.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @dev Target of recorded calls: records executions, and can fail with a custom error.
contract FinalizeTarget {
    error TargetRefused(uint256 code);

    event Executed(address caller, bytes32 proposalId, uint256 value);

    uint256 public executions;
    bool public refuse;

    function execute(bytes32 proposalId, uint256 value) external {
        if (refuse) revert TargetRefused(value);
        ++executions;
        emit Executed(msg.sender, proposalId, value);
    }

    function setRefuse(bool value) external {
        refuse = value;
    }

    /// @dev Tries to finalize again from inside the recorded call.
    function reenter(GovernanceFinalizer finalizer, bytes32 proposalId) external {
        finalizer.finalize(proposalId);
    }
}

contract GovernanceFinalizerTest is ContractTest {
    GovernanceFinalizer internal finalizer;
    FinalizeTarget internal target;
    TestToken internal gov;
    address internal admin;
    address internal poster;
    address internal challenger;
    address internal anyone;

    uint64 internal constant WINDOW = 3 days;
    uint64 internal constant PERIOD = 7 days;
    uint256 internal constant PBOND = 100e18;
    uint256 internal constant DBOND = 40e18;
    uint256 internal constant T0 = 1_750_000_000;
    bytes32 internal constant PROPOSAL = keccak256("proposal:42");
    bytes32 internal constant RESULT = keccak256("result:yes-wins");
    bytes32 internal constant RESULT2 = keccak256("result:corrected");
    bytes32 internal constant ROOT = keccak256("votes-root");

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        poster = makeAddr("poster");
        challenger = makeAddr("challenger");
        anyone = makeAddr("anyone");
        gov = new TestToken("Governance", "GOV", 18, address(this));
        finalizer = new GovernanceFinalizer(admin, address(gov), WINDOW, PERIOD, PBOND, DBOND, 0);
        target = new FinalizeTarget();
        bytes32 role = finalizer.FINALIZER_ROLE();
        vm.prank(admin);
        finalizer.grantRole(role, poster);
        address[3] memory bonders = [poster, challenger, anyone];
        for (uint256 i = 0; i < bonders.length; ++i) {
            gov.mint(bonders[i], 1_000e18);
            vm.prank(bonders[i]);
            gov.approve(address(finalizer), type(uint256).max);
        }
    }

    function _dispute() internal {
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "wrong");
    }

    function _post() internal {
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, address(0), "");
    }

    function _postWithCall(bytes memory data) internal {
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, address(target), data);
    }

    function _status() internal view returns (GovernanceFinalizer.Status status) {
        (status,,,,,,,) = finalizer.getResult(PROPOSAL);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor() public {
        vm.assertEq(finalizer.challengeWindow(), WINDOW);
        vm.assertEq(finalizer.finalizationPeriod(), PERIOD);
        vm.assertEq(address(finalizer.bondToken()), address(gov));
        vm.assertEq(finalizer.proposalBond(), PBOND);
        vm.assertEq(finalizer.disputeBond(), DBOND);
        vm.assertTrue(finalizer.hasRole(finalizer.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertEq(finalizer.FINALIZER_ROLE(), keccak256("FINALIZER_ROLE"));
        vm.expectRevert(GovernanceFinalizer.ZeroBondToken.selector);
        new GovernanceFinalizer(admin, address(0), WINDOW, PERIOD, PBOND, DBOND, 0);
    }

    // ---------------------------------------------------------------- postResult

    function test_postResult_recordsAndEmits() public {
        bytes memory data = abi.encodeCall(FinalizeTarget.execute, (PROPOSAL, 7));
        vm.expectEmit(address(gov));
        emit IERC20.Transfer(poster, address(finalizer), PBOND);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultPosted(PROPOSAL, 1, RESULT, ROOT, uint64(T0) + WINDOW, address(target), data);
        _postWithCall(data);
        vm.assertEq(gov.balanceOf(address(finalizer)), PBOND);
        (uint64 expiresAt, address proposer, address disputer, bool confirmed) = finalizer.getResultBonds(PROPOSAL);
        vm.assertEq(expiresAt, T0 + WINDOW + PERIOD);
        vm.assertEq(proposer, poster);
        vm.assertEq(disputer, address(0));
        vm.assertFalse(confirmed);
        (
            GovernanceFinalizer.Status status,
            uint32 round,
            bytes32 resultHash,
            bytes32 votesRoot,
            uint64 postedAt,
            uint64 deadline,
            address callTarget,
            bytes memory callData
        ) = finalizer.getResult(PROPOSAL);
        vm.assertEq(uint256(status), uint256(GovernanceFinalizer.Status.Posted));
        vm.assertEq(round, 1);
        vm.assertEq(resultHash, RESULT);
        vm.assertEq(votesRoot, ROOT);
        vm.assertEq(postedAt, T0);
        vm.assertEq(deadline, T0 + WINDOW);
        vm.assertEq(callTarget, address(target));
        vm.assertEq(callData, data);
    }

    function test_getResult_unknownIsEmpty() public view {
        (GovernanceFinalizer.Status status, uint32 round,, bytes32 root,,, address callTarget, bytes memory data) =
            finalizer.getResult(PROPOSAL);
        vm.assertEq(uint256(status), uint256(GovernanceFinalizer.Status.None));
        vm.assertEq(round, 0);
        vm.assertEq(root, bytes32(0));
        vm.assertEq(callTarget, address(0));
        vm.assertEq(data.length, 0);
    }

    function test_postResult_revertsWithoutRole() public {
        expectUnauthorized(challenger, finalizer.FINALIZER_ROLE());
        vm.prank(challenger);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, address(0), "");
    }

    function test_postResult_revertsOnEmptyFields() public {
        vm.startPrank(poster);
        vm.expectRevert(GovernanceFinalizer.EmptyResult.selector);
        finalizer.postResult(bytes32(0), RESULT, ROOT, address(0), "");
        vm.expectRevert(GovernanceFinalizer.EmptyResult.selector);
        finalizer.postResult(PROPOSAL, bytes32(0), ROOT, address(0), "");
        vm.expectRevert(GovernanceFinalizer.EmptyResult.selector);
        finalizer.postResult(PROPOSAL, RESULT, bytes32(0), address(0), "");
        vm.stopPrank();
    }

    function test_postResult_revertsOnCallDataWithoutTarget() public {
        vm.expectRevert(GovernanceFinalizer.CallDataWithoutTarget.selector);
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, address(0), hex"01");
    }

    function test_postResult_revertsOnTargetWithoutCode() public {
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.TargetNotContract.selector, anyone));
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, anyone, "");
    }

    function test_postResult_revertsWhenAlreadyPosted() public {
        _post();
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultAlreadyPosted.selector, PROPOSAL));
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT2, ROOT, address(0), "");
    }

    function test_postResult_revertsWhenFinalized() public {
        _post();
        vm.warp(T0 + WINDOW);
        finalizer.finalize(PROPOSAL);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.AlreadyFinalized.selector, PROPOSAL));
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT2, ROOT, address(0), "");
    }

    // ---------------------------------------------------------------- dispute

    function test_dispute_marksDisputedAndEmits() public {
        _post();
        vm.warp(T0 + WINDOW - 1);
        vm.expectEmit(address(gov));
        emit IERC20.Transfer(challenger, address(finalizer), DBOND);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultDisputed(PROPOSAL, 1, challenger, "tally excludes 3 valid votes");
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "tally excludes 3 valid votes");
        vm.assertEq(uint256(_status()), uint256(GovernanceFinalizer.Status.Disputed));
        vm.assertEq(gov.balanceOf(address(finalizer)), PBOND + DBOND);
    }

    /// @dev Attack (old code): disputes needed a role and no bond. Now anyone disputes, with a bond.
    function test_dispute_byAnyoneNeedsTheBond() public {
        _post();
        address broke = makeAddr("broke");
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(finalizer), 0, DBOND)
        );
        vm.prank(broke);
        finalizer.dispute(PROPOSAL, "free dispute");
        vm.prank(anyone);
        finalizer.dispute(PROPOSAL, "bonded dispute");
        (,, address disputer,) = finalizer.getResultBonds(PROPOSAL);
        vm.assertEq(disputer, anyone);
    }

    function test_dispute_revertsAfterWindow() public {
        _post();
        vm.warp(T0 + WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.ChallengeWindowClosed.selector, PROPOSAL, uint64(T0) + WINDOW)
        );
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "late");
    }

    function test_dispute_revertsWhenNotPosted() public {
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultNotPosted.selector, PROPOSAL));
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "nothing");
    }

    function test_dispute_revertsWhenAlreadyDisputed() public {
        _post();
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "first");
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultIsDisputed.selector, PROPOSAL));
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "second");
    }

    function test_dispute_revertsWhenFinalized() public {
        _post();
        vm.warp(T0 + WINDOW);
        finalizer.finalize(PROPOSAL);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.AlreadyFinalized.selector, PROPOSAL));
        vm.prank(challenger);
        finalizer.dispute(PROPOSAL, "too late");
    }

    /// @dev Attack (old code): a disputed result was re-posted unchanged and finalized after another
    /// window. Now governance rejects it, the challenger takes both bonds, and the unchanged result
    /// can never be posted again; a corrected one starts a new round.
    function test_attack_rejectedResultCannotBeRepostedUnchanged() public {
        _post();
        vm.warp(T0 + 1 days);
        _dispute();
        // a disputed result cannot be finalized, even after its window
        vm.warp(T0 + WINDOW + 1);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultIsDisputed.selector, PROPOSAL));
        finalizer.finalize(PROPOSAL);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultAlreadyPosted.selector, PROPOSAL));
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT2, ROOT, address(0), "");

        expectUnauthorized(challenger, bytes32(0));
        vm.prank(challenger);
        finalizer.resolveDispute(PROPOSAL, false, "mine");
        uint256 before = gov.balanceOf(challenger);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.DisputeResolved(PROPOSAL, 1, false, challenger, PBOND, "vote 17: the tally was wrong");
        vm.prank(admin);
        finalizer.resolveDispute(PROPOSAL, false, "vote 17: the tally was wrong");
        vm.assertEq(gov.balanceOf(challenger), before + PBOND + DBOND);
        vm.assertEq(gov.balanceOf(address(finalizer)), 0);
        vm.assertEq(uint256(_status()), uint256(GovernanceFinalizer.Status.Rejected));

        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultRejectedBefore.selector, PROPOSAL));
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, address(0), "");

        bytes32 root2 = keccak256("votes-root-2");
        uint64 deadline2 = uint64(T0 + WINDOW + 1) + WINDOW;
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultPosted(PROPOSAL, 2, RESULT2, root2, deadline2, address(0), "");
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT2, root2, address(0), "");
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ChallengeWindowOpen.selector, PROPOSAL, deadline2));
        finalizer.finalize(PROPOSAL);
        vm.warp(deadline2);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultFinalized(PROPOSAL, 2, RESULT2, root2, anyone, false);
        vm.prank(anyone);
        finalizer.finalize(PROPOSAL);
    }

    /// @dev Attack (old code): a challenger blocked a proposal forever. Now governance rejects the
    /// dispute: the proposer takes the dispute bond and the result is final at once, undisputable.
    function test_attack_frivolousDisputeIsRejectedAndTheResultFinalizes() public {
        _post();
        _dispute();
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultNotDisputed.selector, keccak256("other")));
        vm.prank(admin);
        finalizer.resolveDispute(keccak256("other"), true, "none");
        uint256 before = gov.balanceOf(poster);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.DisputeResolved(PROPOSAL, 1, true, poster, DBOND, "vote 18: the tally stands");
        vm.prank(admin);
        finalizer.resolveDispute(PROPOSAL, true, "vote 18: the tally stands");
        vm.assertEq(gov.balanceOf(poster), before + DBOND);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultConfirmed.selector, PROPOSAL));
        vm.prank(anyone);
        finalizer.dispute(PROPOSAL, "again");
        finalizer.finalize(PROPOSAL); // inside the original window: confirmed by governance
        vm.assertEq(gov.balanceOf(poster), before + DBOND + PBOND);
        vm.assertEq(gov.balanceOf(address(finalizer)), 0);
    }

    /// @dev Attack (old code): a result whose recorded call failed stayed executable forever (a year
    /// later, when the call would succeed). Now it expires; the bonds go back.
    function test_attack_failingCallExpiresInsteadOfRunningLater() public {
        bytes memory data = abi.encodeCall(FinalizeTarget.execute, (PROPOSAL, 9));
        _postWithCall(data);
        target.setRefuse(true);
        vm.warp(T0 + WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.ResultNotExpired.selector, PROPOSAL, uint64(T0) + WINDOW + PERIOD)
        );
        finalizer.expire(PROPOSAL);
        vm.warp(T0 + WINDOW + PERIOD);
        target.setRefuse(false); // the call would succeed now
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.ResultExpired.selector, PROPOSAL, uint64(T0) + WINDOW + PERIOD)
        );
        finalizer.finalize(PROPOSAL);
        uint256 before = gov.balanceOf(poster);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultExpiredAt(PROPOSAL, 1, uint64(T0) + WINDOW + PERIOD);
        vm.prank(anyone);
        finalizer.expire(PROPOSAL);
        vm.assertEq(gov.balanceOf(poster), before + PBOND);
        vm.assertEq(target.executions(), 0);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.ResultClosed.selector, PROPOSAL, GovernanceFinalizer.Status.Expired)
        );
        finalizer.finalize(PROPOSAL);
        // a new round may be posted after expiry
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, ROOT, address(0), "");
    }

    function test_expire_disputedResultReturnsBothBonds() public {
        _post();
        _dispute();
        vm.warp(T0 + WINDOW + PERIOD);
        uint256 p = gov.balanceOf(poster);
        uint256 c = gov.balanceOf(challenger);
        finalizer.expire(PROPOSAL);
        vm.assertEq(gov.balanceOf(poster), p + PBOND);
        vm.assertEq(gov.balanceOf(challenger), c + DBOND);
        vm.assertEq(gov.balanceOf(address(finalizer)), 0);
    }

    function test_cancel_byGovernanceReturnsBondsAndIsFinal() public {
        _post();
        _dispute();
        expectUnauthorized(poster, bytes32(0));
        vm.prank(poster);
        finalizer.cancel(PROPOSAL, "mine");
        uint256 p = gov.balanceOf(poster);
        uint256 c = gov.balanceOf(challenger);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultCancelled(PROPOSAL, 1, "proposal withdrawn by vote 19");
        vm.prank(admin);
        finalizer.cancel(PROPOSAL, "proposal withdrawn by vote 19");
        vm.assertEq(gov.balanceOf(poster), p + PBOND);
        vm.assertEq(gov.balanceOf(challenger), c + DBOND);
        bytes memory closed =
            abi.encodeWithSelector(GovernanceFinalizer.ResultClosed.selector, PROPOSAL, GovernanceFinalizer.Status.Cancelled);
        vm.expectRevert(closed);
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT2, ROOT, address(0), "");
        vm.expectRevert(closed);
        vm.prank(admin);
        finalizer.cancel(PROPOSAL, "again");
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultNotPosted.selector, keccak256("none")));
        vm.prank(admin);
        finalizer.cancel(keccak256("none"), "nothing");
    }

    // ---------------------------------------------------------------- finalize

    function test_finalize_afterWindowByAnyone() public {
        _post();
        vm.warp(T0 + WINDOW);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultFinalized(PROPOSAL, 1, RESULT, ROOT, anyone, false);
        vm.prank(anyone);
        finalizer.finalize(PROPOSAL);
        vm.assertEq(uint256(_status()), uint256(GovernanceFinalizer.Status.Finalized));
        vm.assertEq(gov.balanceOf(poster), 1_000e18); // the bond came back
    }

    function test_finalize_revertsInsideWindow() public {
        _post();
        vm.warp(T0 + WINDOW - 1);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.ChallengeWindowOpen.selector, PROPOSAL, uint64(T0) + WINDOW)
        );
        finalizer.finalize(PROPOSAL);
    }

    function test_finalize_revertsSecondTime() public {
        _post();
        vm.warp(T0 + WINDOW);
        finalizer.finalize(PROPOSAL);
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.AlreadyFinalized.selector, PROPOSAL));
        finalizer.finalize(PROPOSAL);
    }

    function test_finalize_revertsWhenNotPosted() public {
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ResultNotPosted.selector, PROPOSAL));
        finalizer.finalize(PROPOSAL);
    }

    function test_finalize_executesRecordedCall() public {
        bytes memory data = abi.encodeCall(FinalizeTarget.execute, (PROPOSAL, 7));
        _postWithCall(data);
        vm.warp(T0 + WINDOW);
        vm.expectEmit(address(finalizer));
        emit GovernanceFinalizer.ResultFinalized(PROPOSAL, 1, RESULT, ROOT, anyone, true);
        vm.expectEmit(address(target));
        emit FinalizeTarget.Executed(address(finalizer), PROPOSAL, 7);
        vm.prank(anyone);
        finalizer.finalize(PROPOSAL);
        vm.assertEq(target.executions(), 1);
    }

    function test_finalize_bubblesCallRevertAndCanRetry() public {
        bytes memory data = abi.encodeCall(FinalizeTarget.execute, (PROPOSAL, 9));
        _postWithCall(data);
        target.setRefuse(true);
        vm.warp(T0 + WINDOW);
        bytes memory inner = abi.encodeWithSelector(FinalizeTarget.TargetRefused.selector, 9);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.FinalizationCallFailed.selector, PROPOSAL, address(target), inner)
        );
        finalizer.finalize(PROPOSAL);
        vm.assertEq(uint256(_status()), uint256(GovernanceFinalizer.Status.Posted));

        target.setRefuse(false);
        finalizer.finalize(PROPOSAL);
        vm.assertEq(target.executions(), 1);
        vm.assertEq(uint256(_status()), uint256(GovernanceFinalizer.Status.Finalized));
    }

    function test_finalize_reentrantFinalizeFails() public {
        bytes memory data = abi.encodeCall(FinalizeTarget.reenter, (finalizer, PROPOSAL));
        _postWithCall(data);
        vm.warp(T0 + WINDOW);
        bytes memory inner = abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceFinalizer.FinalizationCallFailed.selector, PROPOSAL, address(target), inner)
        );
        finalizer.finalize(PROPOSAL);
    }

    function test_zeroWindow_finalizesImmediatelyAndCannotBeDisputed() public {
        GovernanceFinalizer instant = new GovernanceFinalizer(admin, address(gov), 0, PERIOD, 0, 0, 0);
        bytes32 role = instant.FINALIZER_ROLE();
        vm.prank(admin);
        instant.grantRole(role, poster);
        vm.prank(poster);
        instant.postResult(PROPOSAL, RESULT, ROOT, address(0), "");
        vm.expectRevert(abi.encodeWithSelector(GovernanceFinalizer.ChallengeWindowClosed.selector, PROPOSAL, uint64(T0)));
        vm.prank(challenger);
        instant.dispute(PROPOSAL, "no window");
        instant.finalize(PROPOSAL);
    }

    // ---------------------------------------------------------------- verifyVote

    address internal constant V1 = 0x1111111111111111111111111111111111111111;
    address internal constant V2 = 0x2222222222222222222222222222222222222222;
    address internal constant V3 = 0x3333333333333333333333333333333333333333;

    /// @dev Vector computed off chain (js-sha3, StandardMerkleTree layout) for votes
    /// (V1, keccak256("yes"), 10), (V2, keccak256("yes"), 20), (V3, keccak256("yes"), 30) on PROPOSAL of
    /// the finalizer at FINALIZER_ADDRESS (the test contract's second deployment) on chain 31337.
    bytes32 internal constant VOTES_ROOT = 0x99fe96cdf851cb96c4d3ae1fbe1e5f621cf36992d3ef69bd6fa73f1c1ac94b1f;
    address internal constant FINALIZER_ADDRESS = 0x2e234DAe75C793f67A35089C9d99245E1C58470b;

    /// @dev Posts a votes root and finalizes it (verifyVote answers only for finalized results).
    function _postVotesRoot(bytes32 root) internal {
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, root, address(0), "");
        vm.warp(block.timestamp + WINDOW);
        finalizer.finalize(PROPOSAL);
    }

    function test_verifyVote_falseUntilFinalized() public {
        bytes32[] memory proof1 = new bytes32[](1);
        proof1[0] = 0x02a40e70c0932785211e0573456cf477c772db899549cb11c63cbe47f776e214;
        vm.prank(poster);
        finalizer.postResult(PROPOSAL, RESULT, VOTES_ROOT, address(0), "");
        vm.assertFalse(finalizer.verifyVote(PROPOSAL, V3, keccak256("yes"), 30, proof1));
        vm.warp(T0 + WINDOW);
        finalizer.finalize(PROPOSAL);
        vm.assertTrue(finalizer.verifyVote(PROPOSAL, V3, keccak256("yes"), 30, proof1));
    }

    function test_voteLeaf_matchesOffChainVector() public view {
        bytes32 yes = keccak256("yes");
        vm.assertEq(yes, 0x90dfb8fa37079daea9a1acb3e423e2351f0ba3fb27cf55bfa41ad2f8c58baea9);
        vm.assertEq(address(finalizer), FINALIZER_ADDRESS);
        vm.assertEq(block.chainid, 31337);
        vm.assertEq(finalizer.voteLeaf(PROPOSAL, V1, yes, 10), 0x2b2d6dd6096a1b72a448c6c6237d404d0130ca0a7bb155e2aae57d9f967ff64c);
        vm.assertEq(finalizer.voteLeaf(PROPOSAL, V2, yes, 20), 0x0490c908702fdfedd3593550e669452f36d2de29175fd64eda9ef93ad652be57);
        vm.assertEq(finalizer.voteLeaf(PROPOSAL, V3, yes, 30), 0x82cdd7aa2172946c679d133345dc5b2c207eeb7f4fba9018b9fda3ea47ceba7b);
    }

    /// @dev The leaf binds the proposal, the finalizer and the chain: a proof for one is worthless for another.
    function test_voteLeaf_bindsProposalContractAndChain() public {
        bytes32 yes = keccak256("yes");
        bytes32 leaf = finalizer.voteLeaf(PROPOSAL, V1, yes, 10);
        vm.assertTrue(leaf != finalizer.voteLeaf(keccak256("proposal:43"), V1, yes, 10));
        GovernanceFinalizer other = new GovernanceFinalizer(admin, address(gov), WINDOW, PERIOD, PBOND, DBOND, 0);
        vm.assertTrue(leaf != other.voteLeaf(PROPOSAL, V1, yes, 10));
        vm.chainId(1);
        vm.assertTrue(leaf != finalizer.voteLeaf(PROPOSAL, V1, yes, 10));
    }

    function test_verifyVote_offChainVector() public {
        _postVotesRoot(VOTES_ROOT);
        bytes32 yes = keccak256("yes");
        bytes32[] memory proof1 = new bytes32[](1);
        proof1[0] = 0x02a40e70c0932785211e0573456cf477c772db899549cb11c63cbe47f776e214;
        vm.assertTrue(finalizer.verifyVote(PROPOSAL, V3, yes, 30, proof1));
        bytes32[] memory proof0 = new bytes32[](2);
        proof0[0] = 0x0490c908702fdfedd3593550e669452f36d2de29175fd64eda9ef93ad652be57;
        proof0[1] = 0x82cdd7aa2172946c679d133345dc5b2c207eeb7f4fba9018b9fda3ea47ceba7b;
        vm.assertTrue(finalizer.verifyVote(PROPOSAL, V1, yes, 10, proof0));
        // tampered: wrong weight, wrong voter, wrong choice, altered sibling
        vm.assertFalse(finalizer.verifyVote(PROPOSAL, V1, yes, 11, proof0));
        vm.assertFalse(finalizer.verifyVote(PROPOSAL, V3, yes, 10, proof0));
        vm.assertFalse(finalizer.verifyVote(PROPOSAL, V1, keccak256("no"), 10, proof0));
        proof0[1] = bytes32(uint256(proof0[1]) ^ 1);
        vm.assertFalse(finalizer.verifyVote(PROPOSAL, V1, yes, 10, proof0));
    }

    function test_verifyVote_falseWithoutRoot() public view {
        vm.assertFalse(finalizer.verifyVote(PROPOSAL, V1, keccak256("yes"), 10, new bytes32[](0)));
    }

    function testFuzz_verifyVote_builtTree(uint256 seed, uint8 size) public {
        uint256 n = bound(size, 1, 40);
        address[] memory voters = new address[](n);
        bytes32[] memory choices = new bytes32[](n);
        uint256[] memory weights = new uint256[](n);
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            voters[i] = address(uint160(uint256(keccak256(abi.encode(seed, i, "voter")))));
            choices[i] = keccak256(abi.encode(seed, i % 3));
            weights[i] = uint256(keccak256(abi.encode(seed, i, "weight"))) % 1e24;
            leaves[i] = finalizer.voteLeaf(PROPOSAL, voters[i], choices[i], weights[i]);
        }
        bytes32[] memory tree = MerkleBuilder.build(leaves);
        _postVotesRoot(MerkleBuilder.root(tree));
        for (uint256 i = 0; i < n; ++i) {
            bytes32[] memory proof = MerkleBuilder.proof(tree, leaves[i]);
            vm.assertTrue(finalizer.verifyVote(PROPOSAL, voters[i], choices[i], weights[i], proof));
            vm.assertFalse(finalizer.verifyVote(PROPOSAL, voters[i], choices[i], weights[i] + 1, proof));
        }
    }
}
