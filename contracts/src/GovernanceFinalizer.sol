// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title GovernanceFinalizer
/// @notice Finalizes off-chain votes on chain: FINALIZER_ROLE posts a proposal's result hash and the
/// Merkle root of its counted votes with a bond in the governance token; during a challenge window
/// anyone may dispute it by posting a bond too; governance (the admin: the timelock, so a vote of
/// the space) resolves the dispute, and the loser's bond goes to the winner. An undisputed result,
/// or one whose dispute governance rejected, is finalized by anyone after the window and before it
/// expires, which returns the proposer's bond and executes the call recorded with the result (if
/// any; with the timelock as admin and this contract as its proposer, typically `schedule`).
/// @dev Lifecycle per proposal: None -> Posted -> (Disputed -> Posted (result stands) | Rejected)
/// -> Finalized, or Expired (not finalized by `expiresAt`) or Cancelled (by governance); a new
/// round may be posted after Rejected or Expired, never with a result rejected before (same
/// result hash, votes root, target and call data). If the recorded call reverts, finalize reverts
/// with FinalizationCallFailed and the result stays Posted until it expires.
///
/// Vote leaves are hashed like OpenZeppelin's StandardMerkleTree with leaf types
/// ["uint256", "address", "bytes32", "address", "bytes32", "uint256"] =
/// (chainId, finalizer, proposalId, voter, choiceHash, weight):
/// `keccak256(bytes.concat(keccak256(abi.encode(chainId, finalizer, proposalId, voter, choiceHash, weight))))`,
/// so a proof is valid for one proposal of one finalizer on one chain only. `choiceHash` is the
/// Voting app's hash of the voter's canonical choice; `weight` is the counted weight in integer
/// units. `verifyVote` answers only for finalized results.
contract GovernanceFinalizer is AccessControlDefaultAdminRules, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to post results.
    bytes32 public constant FINALIZER_ROLE = keccak256("FINALIZER_ROLE");

    /// @notice Where a proposal is in its lifecycle.
    enum Status {
        None,
        Posted,
        Disputed,
        Finalized,
        Rejected,
        Expired,
        Cancelled
    }

    struct Result {
        Status status;
        bool confirmed;
        uint32 round;
        uint64 postedAt;
        uint64 challengeDeadline;
        uint64 expiresAt;
        address target;
        address proposer;
        address challenger;
        bytes32 resultHash;
        bytes32 votesRoot;
        bytes callData;
    }

    /// @notice Seconds between posting a result and the earliest finalize.
    uint64 public immutable challengeWindow;
    /// @notice Seconds after the challenge window during which a result can be finalized; then it expires.
    uint64 public immutable finalizationPeriod;
    /// @notice The governance token bonds are posted in.
    IERC20 public immutable bondToken;
    /// @notice The proposer's bond per posted result.
    uint256 public immutable proposalBond;
    /// @notice The challenger's bond per dispute.
    uint256 public immutable disputeBond;

    mapping(bytes32 proposalId => Result) private _results;
    mapping(bytes32 proposalId => mapping(bytes32 digest => bool)) private _rejected;

    /// @notice The proposal id, result hash or votes root was zero.
    error EmptyResult();
    /// @notice Call data was given without a target.
    error CallDataWithoutTarget();
    /// @notice The call target has no code.
    /// @param target The target.
    error TargetNotContract(address target);
    /// @notice The proposal has a result that is posted or disputed.
    /// @param proposalId The proposal.
    error ResultAlreadyPosted(bytes32 proposalId);
    /// @notice This exact result (hash, votes root, target and call data) was rejected for the proposal before.
    /// @param proposalId The proposal.
    error ResultRejectedBefore(bytes32 proposalId);
    /// @notice The result's dispute was resolved in its favour; it cannot be disputed again.
    /// @param proposalId The proposal.
    error ResultConfirmed(bytes32 proposalId);
    /// @notice The result is not disputed.
    /// @param proposalId The proposal.
    error ResultNotDisputed(bytes32 proposalId);
    /// @notice The result can no longer be finalized (it expired at `expiresAt`).
    /// @param proposalId The proposal.
    /// @param expiresAt When it expired.
    error ResultExpired(bytes32 proposalId, uint64 expiresAt);
    /// @notice The result has not expired yet.
    /// @param proposalId The proposal.
    /// @param expiresAt When it expires.
    error ResultNotExpired(bytes32 proposalId, uint64 expiresAt);
    /// @notice The result is rejected, expired or cancelled.
    /// @param proposalId The proposal.
    /// @param status Its status.
    error ResultClosed(bytes32 proposalId, Status status);
    /// @notice The bond token address was zero.
    error ZeroBondToken();
    /// @notice The bond token moved a different amount than requested.
    /// @param expected Amount requested.
    /// @param received Amount that arrived.
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice The proposal is finalized already.
    /// @param proposalId The proposal.
    error AlreadyFinalized(bytes32 proposalId);
    /// @notice No result was posted for the proposal.
    /// @param proposalId The proposal.
    error ResultNotPosted(bytes32 proposalId);
    /// @notice The result is disputed and cannot be finalized until a new one is posted.
    /// @param proposalId The proposal.
    error ResultIsDisputed(bytes32 proposalId);
    /// @notice The challenge window is still open.
    /// @param proposalId The proposal.
    /// @param challengeDeadline First timestamp at which finalize is allowed.
    error ChallengeWindowOpen(bytes32 proposalId, uint64 challengeDeadline);
    /// @notice The challenge window has closed.
    /// @param proposalId The proposal.
    /// @param challengeDeadline Timestamp at which it closed.
    error ChallengeWindowClosed(bytes32 proposalId, uint64 challengeDeadline);
    /// @notice The recorded call reverted; `returnData` is its revert data.
    /// @param proposalId The proposal.
    /// @param target The call target.
    /// @param returnData The revert data of the call.
    error FinalizationCallFailed(bytes32 proposalId, address target, bytes returnData);

    /// @notice A result was posted; `callData` is executed on `target` at finalize (none when target is zero).
    event ResultPosted(
        bytes32 indexed proposalId,
        uint32 round,
        bytes32 resultHash,
        bytes32 votesRoot,
        uint64 challengeDeadline,
        address target,
        bytes callData
    );
    /// @notice A challenger disputed the posted result (and posted the dispute bond).
    event ResultDisputed(bytes32 indexed proposalId, uint32 round, address indexed challenger, string reason);
    /// @notice Governance resolved a dispute: `resultStands` tells who won; `winner` received `award` (the loser's bond).
    event DisputeResolved(
        bytes32 indexed proposalId, uint32 round, bool resultStands, address indexed winner, uint256 award, string reason
    );
    /// @notice The result was not finalized in time; bonds went back.
    event ResultExpiredAt(bytes32 indexed proposalId, uint32 round, uint64 expiresAt);
    /// @notice Governance cancelled the result; bonds went back.
    event ResultCancelled(bytes32 indexed proposalId, uint32 round, string reason);
    /// @notice The result became final; `callExecuted` tells whether a recorded call ran.
    event ResultFinalized(
        bytes32 indexed proposalId,
        uint32 round,
        bytes32 resultHash,
        bytes32 votesRoot,
        address indexed executor,
        bool callExecuted
    );

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants FINALIZER_ROLE, resolves disputes, cancels): the timelock.
    /// @param bondToken_ The governance token bonds are posted in.
    /// @param challengeWindow_ Seconds between posting and the earliest finalize (0 disables disputes).
    /// @param finalizationPeriod_ Seconds after the window during which the result can be finalized.
    /// @param proposalBond_ The proposer's bond (may be 0).
    /// @param disputeBond_ The challenger's bond (may be 0).
    /// @param adminDelay Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE.
    constructor(
        address admin,
        address bondToken_,
        uint64 challengeWindow_,
        uint64 finalizationPeriod_,
        uint256 proposalBond_,
        uint256 disputeBond_,
        uint48 adminDelay
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (bondToken_ == address(0)) revert ZeroBondToken();
        bondToken = IERC20(bondToken_);
        challengeWindow = challengeWindow_;
        finalizationPeriod = finalizationPeriod_;
        proposalBond = proposalBond_;
        disputeBond = disputeBond_;
    }

    /// @notice Posts the result of a proposal with the proposal bond (approve first), opening its
    /// challenge window. Allowed for a proposal with no result or a rejected or expired one (a new
    /// round), never with a result rejected before.
    /// @param proposalId The proposal (non-zero).
    /// @param resultHash Hash of the tally result document (non-zero).
    /// @param votesRoot Merkle root of the counted votes (non-zero).
    /// @param target Contract to call on finalize, or zero for none.
    /// @param callData Call data for `target` (must be empty when target is zero).
    function postResult(
        bytes32 proposalId,
        bytes32 resultHash,
        bytes32 votesRoot,
        address target,
        bytes calldata callData
    ) external onlyRole(FINALIZER_ROLE) nonReentrant {
        if (proposalId == bytes32(0) || resultHash == bytes32(0) || votesRoot == bytes32(0)) revert EmptyResult();
        if (target == address(0)) {
            if (callData.length != 0) revert CallDataWithoutTarget();
        } else if (target.code.length == 0) {
            revert TargetNotContract(target);
        }
        Result storage result = _results[proposalId];
        Status status = result.status;
        if (status == Status.Posted || status == Status.Disputed) revert ResultAlreadyPosted(proposalId);
        if (status == Status.Finalized) revert AlreadyFinalized(proposalId);
        if (status == Status.Cancelled) revert ResultClosed(proposalId, status);
        if (_rejected[proposalId][_digest(resultHash, votesRoot, target, callData)]) {
            revert ResultRejectedBefore(proposalId);
        }
        uint32 round = result.round + 1;
        uint64 deadline = uint64(block.timestamp) + challengeWindow;
        result.status = Status.Posted;
        result.confirmed = false;
        result.round = round;
        result.postedAt = uint64(block.timestamp);
        result.challengeDeadline = deadline;
        result.expiresAt = deadline + finalizationPeriod;
        result.target = target;
        result.proposer = msg.sender;
        result.challenger = address(0);
        result.resultHash = resultHash;
        result.votesRoot = votesRoot;
        result.callData = callData;
        _pullBond(msg.sender, proposalBond);
        emit ResultPosted(proposalId, round, resultHash, votesRoot, deadline, target, callData);
    }

    /// @notice Disputes a posted result while its challenge window is open, with the dispute bond
    /// (approve first). Anyone may dispute; governance resolves it.
    /// @param proposalId The proposal.
    /// @param reason Why the result is disputed.
    function dispute(bytes32 proposalId, string calldata reason) external nonReentrant {
        Result storage result = _results[proposalId];
        _requirePosted(proposalId, result.status);
        if (result.confirmed) revert ResultConfirmed(proposalId);
        uint64 deadline = result.challengeDeadline;
        if (block.timestamp >= deadline) revert ChallengeWindowClosed(proposalId, deadline);
        result.status = Status.Disputed;
        result.challenger = msg.sender;
        _pullBond(msg.sender, disputeBond);
        emit ResultDisputed(proposalId, result.round, msg.sender, reason);
    }

    /// @notice Governance (the admin: the timelock, after a vote) resolves a dispute. If the result
    /// stands, it may be finalized once its window has passed and cannot be disputed again, and the
    /// proposer receives the dispute bond; otherwise it is rejected (and can never be posted again
    /// unchanged) and the challenger receives both bonds.
    /// @param proposalId The proposal.
    /// @param resultStands Whether the posted result is right.
    /// @param reason The decision (e.g. the vote that made it).
    function resolveDispute(bytes32 proposalId, bool resultStands, string calldata reason)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        nonReentrant
    {
        Result storage result = _results[proposalId];
        if (result.status != Status.Disputed) revert ResultNotDisputed(proposalId);
        address winner;
        uint256 award;
        if (resultStands) {
            result.status = Status.Posted;
            result.confirmed = true;
            winner = result.proposer;
            award = disputeBond;
            _payBond(winner, disputeBond);
        } else {
            result.status = Status.Rejected;
            _rejected[proposalId][_digest(result.resultHash, result.votesRoot, result.target, result.callData)] = true;
            winner = result.challenger;
            award = proposalBond;
            _payBond(winner, proposalBond + disputeBond);
        }
        emit DisputeResolved(proposalId, result.round, resultStands, winner, award, reason);
    }

    /// @notice Finalizes a result whose window has passed undisputed (or whose dispute governance
    /// rejected) and which has not expired, returns the proposer's bond, then runs its recorded
    /// call, if any. Anyone may call it; it succeeds once per proposal.
    /// @param proposalId The proposal.
    function finalize(bytes32 proposalId) external nonReentrant {
        Result storage result = _results[proposalId];
        _requirePosted(proposalId, result.status);
        uint64 deadline = result.challengeDeadline;
        if (!result.confirmed && block.timestamp < deadline) revert ChallengeWindowOpen(proposalId, deadline);
        uint64 expiresAt = result.expiresAt;
        if (block.timestamp >= expiresAt) revert ResultExpired(proposalId, expiresAt);
        result.status = Status.Finalized;
        address target = result.target;
        emit ResultFinalized(proposalId, result.round, result.resultHash, result.votesRoot, msg.sender, target != address(0));
        _payBond(result.proposer, proposalBond);
        if (target != address(0)) {
            (bool ok, bytes memory returnData) = target.call(result.callData);
            if (!ok) revert FinalizationCallFailed(proposalId, target, returnData);
        }
    }

    /// @notice Closes a result that was not finalized (or whose dispute was not resolved) before it
    /// expired; the bonds go back. Anyone may call it. A new result may then be posted.
    /// @param proposalId The proposal.
    function expire(bytes32 proposalId) external nonReentrant {
        Result storage result = _results[proposalId];
        Status status = result.status;
        if (status != Status.Posted && status != Status.Disputed) _requirePosted(proposalId, status);
        uint64 expiresAt = result.expiresAt;
        if (block.timestamp < expiresAt) revert ResultNotExpired(proposalId, expiresAt);
        result.status = Status.Expired;
        _returnBonds(result, status);
        emit ResultExpiredAt(proposalId, result.round, expiresAt);
    }

    /// @notice Governance cancels a posted or disputed result for good; the bonds go back.
    /// @param proposalId The proposal.
    /// @param reason Why.
    function cancel(bytes32 proposalId, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        Result storage result = _results[proposalId];
        Status status = result.status;
        if (status != Status.Posted && status != Status.Disputed) _requirePosted(proposalId, status);
        result.status = Status.Cancelled;
        _returnBonds(result, status);
        emit ResultCancelled(proposalId, result.round, reason);
    }

    /// @notice Whether (voter, choiceHash, weight) is a leaf of the proposal's finalized votes root.
    /// @param proposalId The proposal.
    /// @param voter The voter's address.
    /// @param choiceHash Hash of the voter's canonical choice.
    /// @param weight Counted weight.
    /// @param proof Sibling hashes from the leaf to the root (OpenZeppelin MerkleProof, sorted pairs).
    /// @return True when the result is finalized and the proof leads to its votes root.
    function verifyVote(
        bytes32 proposalId,
        address voter,
        bytes32 choiceHash,
        uint256 weight,
        bytes32[] calldata proof
    ) external view returns (bool) {
        Result storage result = _results[proposalId];
        if (result.status != Status.Finalized) return false;
        return MerkleProof.verifyCalldata(proof, result.votesRoot, voteLeaf(proposalId, voter, choiceHash, weight));
    }

    /// @notice The leaf hash of a vote on a proposal of this finalizer on this chain:
    /// keccak256(bytes.concat(keccak256(abi.encode(block.chainid, address(this), proposalId, voter, choiceHash, weight)))).
    /// @param proposalId The proposal.
    /// @param voter The voter's address.
    /// @param choiceHash Hash of the voter's canonical choice.
    /// @param weight Counted weight.
    /// @return The leaf hash.
    function voteLeaf(bytes32 proposalId, address voter, bytes32 choiceHash, uint256 weight)
        public
        view
        returns (bytes32)
    {
        return keccak256(
            bytes.concat(keccak256(abi.encode(block.chainid, address(this), proposalId, voter, choiceHash, weight)))
        );
    }

    /// @notice The state of a proposal's result (all zero when none was posted).
    /// @param proposalId The proposal.
    /// @return status Lifecycle status.
    /// @return round 1 for the first post, plus one per re-post after a dispute.
    /// @return resultHash Posted result hash.
    /// @return votesRoot Posted votes root.
    /// @return postedAt Block timestamp of the latest post.
    /// @return challengeDeadline First timestamp at which finalize is allowed.
    /// @return target Contract called on finalize, or zero.
    /// @return callData Call data for `target`.
    function getResult(bytes32 proposalId)
        external
        view
        returns (
            Status status,
            uint32 round,
            bytes32 resultHash,
            bytes32 votesRoot,
            uint64 postedAt,
            uint64 challengeDeadline,
            address target,
            bytes memory callData
        )
    {
        Result storage result = _results[proposalId];
        return (
            result.status,
            result.round,
            result.resultHash,
            result.votesRoot,
            result.postedAt,
            result.challengeDeadline,
            result.target,
            result.callData
        );
    }

    /// @notice Who holds bonds in a proposal's result, and until when it can be finalized.
    /// @param proposalId The proposal.
    /// @return expiresAt From this timestamp the result can no longer be finalized.
    /// @return proposer Who posted it (and its bond).
    /// @return challenger Who disputed it (zero when nobody did).
    /// @return confirmed Whether governance rejected a dispute of it (it is final once finalized).
    function getResultBonds(bytes32 proposalId)
        external
        view
        returns (uint64 expiresAt, address proposer, address challenger, bool confirmed)
    {
        Result storage result = _results[proposalId];
        return (result.expiresAt, result.proposer, result.challenger, result.confirmed);
    }

    function _requirePosted(bytes32 proposalId, Status status) private pure {
        if (status == Status.Posted) return;
        if (status == Status.None) revert ResultNotPosted(proposalId);
        if (status == Status.Disputed) revert ResultIsDisputed(proposalId);
        if (status == Status.Finalized) revert AlreadyFinalized(proposalId);
        revert ResultClosed(proposalId, status);
    }

    function _digest(bytes32 resultHash, bytes32 votesRoot, address target, bytes memory callData)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(resultHash, votesRoot, target, keccak256(callData)));
    }

    function _returnBonds(Result storage result, Status status) private {
        _payBond(result.proposer, proposalBond);
        if (status == Status.Disputed) _payBond(result.challenger, disputeBond);
    }

    function _pullBond(address from, uint256 amount) private {
        if (amount == 0) return;
        uint256 before = bondToken.balanceOf(address(this));
        bondToken.safeTransferFrom(from, address(this), amount);
        uint256 received = bondToken.balanceOf(address(this)) - before;
        if (received != amount) revert TransferAmountMismatch(amount, received);
    }

    function _payBond(address to, uint256 amount) private {
        if (amount != 0) bondToken.safeTransfer(to, amount);
    }
}
