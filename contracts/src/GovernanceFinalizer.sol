// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title GovernanceFinalizer
/// @notice Finalizes off-chain votes on chain: FINALIZER_ROLE posts a proposal's result hash and the
/// Merkle root of its counted votes; during a challenge window CHALLENGER_ROLE may dispute it; after
/// the window anyone may finalize it, once, which executes the call recorded with the result (if any).
/// @dev Lifecycle per proposal: None -> Posted -> (Disputed -> Posted again ...) -> Finalized.
/// A disputed result can never be finalized; the finalizer may post a corrected result for a
/// disputed proposal, which starts a new round with a fresh challenge window. A posted, undisputed
/// result cannot be replaced. If the recorded call reverts, finalize reverts with
/// FinalizationCallFailed and the proposal stays Posted, so finalize can be retried.
///
/// Vote leaves are hashed like OpenZeppelin's StandardMerkleTree with leaf types
/// ["address", "bytes32", "uint256"] = (voter, choiceHash, weight):
/// `keccak256(bytes.concat(keccak256(abi.encode(voter, choiceHash, weight))))`. `choiceHash` is the
/// Voting app's hash of the voter's canonical choice; `weight` is the counted weight in integer units.
contract GovernanceFinalizer is AccessControl {
    /// @notice Role allowed to post results.
    bytes32 public constant FINALIZER_ROLE = keccak256("FINALIZER_ROLE");
    /// @notice Role allowed to dispute results during the challenge window.
    bytes32 public constant CHALLENGER_ROLE = keccak256("CHALLENGER_ROLE");

    /// @notice Where a proposal is in its lifecycle.
    enum Status {
        None,
        Posted,
        Disputed,
        Finalized
    }

    struct Result {
        Status status;
        uint32 round;
        uint64 postedAt;
        uint64 challengeDeadline;
        address target;
        bytes32 resultHash;
        bytes32 votesRoot;
        bytes callData;
    }

    /// @notice Seconds between posting a result and the earliest finalize.
    uint64 public immutable challengeWindow;

    mapping(bytes32 proposalId => Result) private _results;

    /// @notice The proposal id, result hash or votes root was zero.
    error EmptyResult();
    /// @notice Call data was given without a target.
    error CallDataWithoutTarget();
    /// @notice The call target has no code.
    /// @param target The target.
    error TargetNotContract(address target);
    /// @notice The proposal has a posted result that is neither disputed nor finalized.
    /// @param proposalId The proposal.
    error ResultAlreadyPosted(bytes32 proposalId);
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
    /// @notice A challenger disputed the posted result.
    event ResultDisputed(bytes32 indexed proposalId, uint32 round, address indexed challenger, string reason);
    /// @notice The result became final; `callExecuted` tells whether a recorded call ran.
    event ResultFinalized(
        bytes32 indexed proposalId,
        uint32 round,
        bytes32 resultHash,
        bytes32 votesRoot,
        address indexed executor,
        bool callExecuted
    );

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants FINALIZER_ROLE and CHALLENGER_ROLE).
    /// @param challengeWindow_ Seconds between posting and the earliest finalize (0 disables disputes).
    constructor(address admin, uint64 challengeWindow_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        challengeWindow = challengeWindow_;
    }

    /// @notice Posts the result of a proposal, opening its challenge window. Allowed for a proposal
    /// with no result or with a disputed one (a new round).
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
    ) external onlyRole(FINALIZER_ROLE) {
        if (proposalId == bytes32(0) || resultHash == bytes32(0) || votesRoot == bytes32(0)) revert EmptyResult();
        if (target == address(0)) {
            if (callData.length != 0) revert CallDataWithoutTarget();
        } else if (target.code.length == 0) {
            revert TargetNotContract(target);
        }
        Result storage result = _results[proposalId];
        Status status = result.status;
        if (status == Status.Posted) revert ResultAlreadyPosted(proposalId);
        if (status == Status.Finalized) revert AlreadyFinalized(proposalId);
        uint32 round = result.round + 1;
        uint64 deadline = uint64(block.timestamp) + challengeWindow;
        result.status = Status.Posted;
        result.round = round;
        result.postedAt = uint64(block.timestamp);
        result.challengeDeadline = deadline;
        result.target = target;
        result.resultHash = resultHash;
        result.votesRoot = votesRoot;
        result.callData = callData;
        emit ResultPosted(proposalId, round, resultHash, votesRoot, deadline, target, callData);
    }

    /// @notice Disputes a posted result while its challenge window is open.
    /// @param proposalId The proposal.
    /// @param reason Why the result is disputed.
    function dispute(bytes32 proposalId, string calldata reason) external onlyRole(CHALLENGER_ROLE) {
        Result storage result = _results[proposalId];
        _requirePosted(proposalId, result.status);
        uint64 deadline = result.challengeDeadline;
        if (block.timestamp >= deadline) revert ChallengeWindowClosed(proposalId, deadline);
        result.status = Status.Disputed;
        emit ResultDisputed(proposalId, result.round, msg.sender, reason);
    }

    /// @notice Finalizes an undisputed result once its window has passed, then runs its recorded
    /// call, if any. Anyone may call it; it succeeds once per proposal.
    /// @param proposalId The proposal.
    function finalize(bytes32 proposalId) external {
        Result storage result = _results[proposalId];
        _requirePosted(proposalId, result.status);
        uint64 deadline = result.challengeDeadline;
        if (block.timestamp < deadline) revert ChallengeWindowOpen(proposalId, deadline);
        result.status = Status.Finalized;
        address target = result.target;
        emit ResultFinalized(proposalId, result.round, result.resultHash, result.votesRoot, msg.sender, target != address(0));
        if (target != address(0)) {
            (bool ok, bytes memory returnData) = target.call(result.callData);
            if (!ok) revert FinalizationCallFailed(proposalId, target, returnData);
        }
    }

    /// @notice Whether (voter, choiceHash, weight) is a leaf of the proposal's current votes root.
    /// @param proposalId The proposal.
    /// @param voter The voter's address.
    /// @param choiceHash Hash of the voter's canonical choice.
    /// @param weight Counted weight.
    /// @param proof Sibling hashes from the leaf to the root (OpenZeppelin MerkleProof, sorted pairs).
    /// @return True when the proof leads to the posted votes root.
    function verifyVote(
        bytes32 proposalId,
        address voter,
        bytes32 choiceHash,
        uint256 weight,
        bytes32[] calldata proof
    ) external view returns (bool) {
        bytes32 root = _results[proposalId].votesRoot;
        if (root == bytes32(0)) return false;
        return MerkleProof.verifyCalldata(proof, root, voteLeaf(voter, choiceHash, weight));
    }

    /// @notice The leaf hash of a vote: keccak256(bytes.concat(keccak256(abi.encode(voter, choiceHash, weight)))).
    /// @param voter The voter's address.
    /// @param choiceHash Hash of the voter's canonical choice.
    /// @param weight Counted weight.
    /// @return The leaf hash.
    function voteLeaf(address voter, bytes32 choiceHash, uint256 weight) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(voter, choiceHash, weight))));
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

    function _requirePosted(bytes32 proposalId, Status status) private pure {
        if (status == Status.Posted) return;
        if (status == Status.None) revert ResultNotPosted(proposalId);
        if (status == Status.Disputed) revert ResultIsDisputed(proposalId);
        revert AlreadyFinalized(proposalId);
    }
}
