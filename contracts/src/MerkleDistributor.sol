// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GuardianPausable} from "./GuardianPausable.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title MerkleDistributor
/// @notice Revenue distribution by Merkle roots of cumulative entitlements, one root per token.
/// Each settlement epoch the distributor posts a new root whose leaves are (account, token,
/// cumulativeAmount): everything the account has earned in that token so far. A claim pays the
/// difference between the proven cumulative amount and what the account has already claimed, so
/// claiming against a later epoch never pays twice.
/// @dev Leaves are hashed exactly like OpenZeppelin's StandardMerkleTree with leaf types
/// ["address", "address", "uint256"]: `keccak256(bytes.concat(keccak256(abi.encode(account, token, cumulativeAmount))))`.
///
/// Pending roots: a posted root is pending for `challengeWindow` seconds before claims use it;
/// meanwhile claims keep using the active root, anyone can check the new tree against the
/// published entitlements, and CHALLENGER_ROLE can dispute it, which discards it. After the window
/// it activates (on the next claim, post or `activateRoot`). One root per token is pending at a time.
///
/// Funding: posting a root declares `totalCumulative`, the sum of all cumulative amounts in the
/// tree, which may never be below the active root's (cumulative amounts never go down: the Finance
/// service guarantees it per account, the contract checks the total); the poster pays in, in the
/// same transaction, whatever the total exceeds the funds received so far (safeTransferFrom, so the
/// poster approves this contract first). A root is therefore fully funded before it can activate,
/// and the contract refuses any claim that would take the token's total claimed above the active
/// total, even if a tree were wrong.
///
/// Sweep: once `claimPeriod` seconds have passed since the active root activated (and no root is
/// pending), the admin (the timelock, so only by a governance decision) may sweep what is left to the
/// treasury, which closes the token's distribution: no further claims or roots. The guardian may
/// pause postRoot, claim and sweep (GuardianPausable).
contract MerkleDistributor is GuardianPausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to post roots (and pay in their funding).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");
    /// @notice Role allowed to dispute pending roots.
    bytes32 public constant CHALLENGER_ROLE = keccak256("CHALLENGER_ROLE");

    struct Distribution {
        bytes32 root;
        uint64 epoch;
        uint64 activatedAt;
        bool closed;
        uint256 totalCumulative;
        uint256 totalClaimed;
        uint256 totalFunded;
        bytes32 pendingRoot;
        uint64 pendingActivatesAt;
        uint256 pendingTotal;
    }

    /// @notice Seconds a posted root stays pending (disputable) before claims use it.
    uint64 public immutable challengeWindow;
    /// @notice Seconds after a root's activation before governance may sweep what is unclaimed.
    uint64 public immutable claimPeriod;

    mapping(address token => Distribution) private _distributions;
    mapping(address token => mapping(address account => uint256)) private _claimed;

    /// @notice The token address was zero.
    error ZeroToken();
    /// @notice The root was zero.
    error ZeroRoot();
    /// @notice The recipient was the zero address.
    error ZeroRecipient();
    /// @notice A root's total cumulative amount was below the active root's.
    /// @param token The token.
    /// @param previousTotal The active root's total.
    /// @param newTotal The rejected total.
    error TotalCumulativeDecreased(address token, uint256 previousTotal, uint256 newTotal);
    /// @notice The token moved a different amount than requested (fee-on-transfer tokens are not supported).
    /// @param token The token.
    /// @param expected Amount requested.
    /// @param received Amount that arrived.
    error FundingMismatch(address token, uint256 expected, uint256 received);
    /// @notice No root was ever activated for the token.
    /// @param token The token.
    error NoDistribution(address token);
    /// @notice A root is pending for the token (wait for it to activate or dispute it first).
    /// @param token The token.
    /// @param activatesAt When the pending root activates.
    error RootPending(address token, uint64 activatesAt);
    /// @notice No root is pending for the token, or its challenge window has closed.
    /// @param token The token.
    error NoPendingRoot(address token);
    /// @notice The token's distribution was swept and is closed.
    /// @param token The token.
    error DistributionClosed(address token);
    /// @notice The claim period of the active root has not passed yet.
    /// @param token The token.
    /// @param sweepableAt First timestamp at which the sweep is allowed.
    error SweepTooEarly(address token, uint64 sweepableAt);
    /// @notice The proof does not lead from the leaf to the token's active root.
    /// @param account The account.
    /// @param token The token.
    /// @param cumulativeAmount The claimed cumulative amount.
    error InvalidProof(address account, address token, uint256 cumulativeAmount);
    /// @notice The account has already claimed at least this cumulative amount.
    /// @param account The account.
    /// @param token The token.
    /// @param cumulativeAmount The proven cumulative amount.
    /// @param alreadyClaimed What the account has claimed so far.
    error NothingToClaim(address account, address token, uint256 cumulativeAmount, uint256 alreadyClaimed);
    /// @notice The claim would take the token's total claimed above the active total.
    /// @param token The token.
    /// @param amount The payout the claim asked for.
    /// @param available Active total minus claimed.
    error ClaimExceedsPosted(address token, uint256 amount, uint256 available);

    /// @notice A root was posted and is pending until `activatesAt`; `funded` was pulled from the poster.
    event RootPosted(
        address indexed token,
        uint64 indexed epoch,
        bytes32 root,
        uint256 totalCumulative,
        uint256 funded,
        uint64 activatesAt
    );
    /// @notice A pending root was disputed and discarded.
    event RootDisputed(address indexed token, uint64 indexed epoch, bytes32 root, address indexed challenger, string reason);
    /// @notice A pending root became the active one: claims now use it.
    event RootActivated(address indexed token, uint64 indexed epoch, bytes32 root, uint256 totalCumulative);
    /// @notice `amount` was paid to `account`, bringing its claimed total to `cumulativeAmount`.
    event Claimed(
        address indexed account, address indexed token, uint64 indexed epoch, uint256 amount, uint256 cumulativeAmount
    );
    /// @notice Governance swept what was unclaimed to `to`; the token's distribution is closed.
    event Swept(address indexed token, address indexed to, uint256 amount);

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants the roles, sweeps): the timelock.
    /// @param challengeWindow_ Seconds a posted root is pending (0 activates at once).
    /// @param claimPeriod_ Seconds after a root's activation before unclaimed funds may be swept.
    /// @param adminDelay Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE.
    constructor(address admin, uint64 challengeWindow_, uint64 claimPeriod_, uint48 adminDelay)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        challengeWindow = challengeWindow_;
        claimPeriod = claimPeriod_;
    }

    /// @notice Posts the next epoch's root for `token` as pending and pays in its funding:
    /// what `totalCumulative` exceeds the funds received so far, pulled from the caller.
    /// @param token The ERC-20 distributed.
    /// @param root Merkle root of (account, token, cumulativeAmount) leaves.
    /// @param totalCumulative Sum of all cumulative amounts in the tree (never below the active total).
    /// @return epoch The epoch the root will have once active (1 for the first root of a token).
    function postRoot(address token, bytes32 root, uint256 totalCumulative)
        external
        onlyRole(DISTRIBUTOR_ROLE)
        nonReentrant
        whenNotPaused
        returns (uint64 epoch)
    {
        if (token == address(0)) revert ZeroToken();
        if (root == bytes32(0)) revert ZeroRoot();
        Distribution storage distribution = _distributions[token];
        if (distribution.closed) revert DistributionClosed(token);
        _activateIfDue(token, distribution);
        if (distribution.pendingRoot != bytes32(0)) revert RootPending(token, distribution.pendingActivatesAt);
        uint256 previousTotal = distribution.totalCumulative;
        if (totalCumulative < previousTotal) revert TotalCumulativeDecreased(token, previousTotal, totalCumulative);
        uint256 funded = distribution.totalFunded;
        uint256 funding = totalCumulative > funded ? totalCumulative - funded : 0;
        if (funding != 0) {
            distribution.totalFunded = funded + funding;
            uint256 before = IERC20(token).balanceOf(address(this));
            IERC20(token).safeTransferFrom(msg.sender, address(this), funding);
            uint256 received = IERC20(token).balanceOf(address(this)) - before;
            if (received != funding) revert FundingMismatch(token, funding, received);
        }
        epoch = distribution.epoch + 1;
        uint64 activatesAt = uint64(block.timestamp) + challengeWindow;
        distribution.pendingRoot = root;
        distribution.pendingTotal = totalCumulative;
        distribution.pendingActivatesAt = activatesAt;
        emit RootPosted(token, epoch, root, totalCumulative, funding, activatesAt);
        _activateIfDue(token, distribution);
    }

    /// @notice Disputes the token's pending root while its challenge window is open; it is discarded
    /// (its funding stays for the next root).
    /// @param token The token.
    /// @param reason Why the root is wrong.
    function disputeRoot(address token, string calldata reason) external onlyRole(CHALLENGER_ROLE) {
        Distribution storage distribution = _distributions[token];
        bytes32 pending = distribution.pendingRoot;
        if (pending == bytes32(0) || block.timestamp >= distribution.pendingActivatesAt) revert NoPendingRoot(token);
        _clearPending(distribution);
        emit RootDisputed(token, distribution.epoch + 1, pending, msg.sender, reason);
    }

    /// @notice Activates the token's pending root once its challenge window has passed. Anyone may
    /// call it (claims and posts do it on their own).
    /// @param token The token.
    /// @return activated Whether a root was activated.
    function activateRoot(address token) external returns (bool activated) {
        return _activateIfDue(token, _distributions[token]);
    }

    /// @notice Pays `account` what it has earned in `token` and not yet claimed, against the active
    /// root (activating a pending root whose window has passed). Anyone may submit the claim; the
    /// tokens always go to `account`.
    /// @param account The entitled account.
    /// @param token The token.
    /// @param cumulativeAmount The account's cumulative entitlement in the active root.
    /// @param proof Sibling hashes from the leaf to the root (OpenZeppelin MerkleProof, sorted pairs).
    /// @return amount The amount paid.
    function claim(address account, address token, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        Distribution storage distribution = _distributions[token];
        if (distribution.closed) revert DistributionClosed(token);
        _activateIfDue(token, distribution);
        bytes32 root = distribution.root;
        if (root == bytes32(0)) revert NoDistribution(token);
        if (!MerkleProof.verifyCalldata(proof, root, leafHash(account, token, cumulativeAmount))) {
            revert InvalidProof(account, token, cumulativeAmount);
        }
        uint256 alreadyClaimed = _claimed[token][account];
        if (cumulativeAmount <= alreadyClaimed) {
            revert NothingToClaim(account, token, cumulativeAmount, alreadyClaimed);
        }
        amount = cumulativeAmount - alreadyClaimed;
        uint256 totalClaimed = distribution.totalClaimed;
        uint256 available = distribution.totalCumulative - totalClaimed;
        if (amount > available) revert ClaimExceedsPosted(token, amount, available);
        _claimed[token][account] = cumulativeAmount;
        distribution.totalClaimed = totalClaimed + amount;
        IERC20(token).safeTransfer(account, amount);
        emit Claimed(account, token, distribution.epoch, amount, cumulativeAmount);
    }

    /// @notice Governance (the admin: the timelock) sweeps what is unclaimed of `token` to the
    /// treasury once the active root's claim period has passed; the distribution closes.
    /// @param token The token.
    /// @param to The treasury.
    /// @return amount The amount swept.
    function sweep(address token, address to) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant whenNotPaused returns (uint256 amount) {
        if (to == address(0)) revert ZeroRecipient();
        Distribution storage distribution = _distributions[token];
        if (distribution.closed) revert DistributionClosed(token);
        _activateIfDue(token, distribution);
        if (distribution.pendingRoot != bytes32(0)) revert RootPending(token, distribution.pendingActivatesAt);
        if (distribution.root == bytes32(0)) revert NoDistribution(token);
        uint64 sweepableAt = distribution.activatedAt + claimPeriod;
        if (block.timestamp < sweepableAt) revert SweepTooEarly(token, sweepableAt);
        distribution.closed = true;
        amount = distribution.totalFunded - distribution.totalClaimed;
        if (amount != 0) IERC20(token).safeTransfer(to, amount);
        emit Swept(token, to, amount);
    }

    /// @notice The active distribution of a token (all zero before its first root activates).
    /// @param token The token.
    /// @return root Active root.
    /// @return epoch Active epoch number.
    /// @return activatedAt When the active root activated (claims may use a due pending root before this reads it).
    /// @return totalCumulative Total of the active root.
    /// @return totalClaimed Total claimed so far.
    /// @return totalFunded Total received from posters so far (at least every posted total).
    /// @return closed Whether the distribution was swept.
    function getDistribution(address token)
        external
        view
        returns (
            bytes32 root,
            uint64 epoch,
            uint64 activatedAt,
            uint256 totalCumulative,
            uint256 totalClaimed,
            uint256 totalFunded,
            bool closed
        )
    {
        Distribution storage distribution = _distributions[token];
        return (
            distribution.root,
            distribution.epoch,
            distribution.activatedAt,
            distribution.totalCumulative,
            distribution.totalClaimed,
            distribution.totalFunded,
            distribution.closed
        );
    }

    /// @notice The token's pending root (all zero when none).
    /// @param token The token.
    /// @return root Pending root.
    /// @return totalCumulative Its total.
    /// @return activatesAt When it activates (its challenge window closes).
    function getPendingRoot(address token)
        external
        view
        returns (bytes32 root, uint256 totalCumulative, uint64 activatesAt)
    {
        Distribution storage distribution = _distributions[token];
        return (distribution.pendingRoot, distribution.pendingTotal, distribution.pendingActivatesAt);
    }

    /// @notice What `account` has claimed in `token` so far.
    /// @param token The token.
    /// @param account The account.
    /// @return The claimed cumulative amount.
    function claimed(address token, address account) external view returns (uint256) {
        return _claimed[token][account];
    }

    /// @notice The leaf hash of an entitlement, as StandardMerkleTree(["address","address","uint256"]) computes it.
    /// @param account The account.
    /// @param token The token.
    /// @param cumulativeAmount The cumulative amount.
    /// @return The leaf hash.
    function leafHash(address account, address token, uint256 cumulativeAmount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, token, cumulativeAmount))));
    }

    function _activateIfDue(address token, Distribution storage distribution) private returns (bool) {
        bytes32 pending = distribution.pendingRoot;
        uint64 activatesAt = distribution.pendingActivatesAt;
        if (pending == bytes32(0) || block.timestamp < activatesAt) return false;
        uint64 epoch = distribution.epoch + 1;
        uint256 total = distribution.pendingTotal;
        distribution.root = pending;
        distribution.epoch = epoch;
        distribution.activatedAt = activatesAt;
        distribution.totalCumulative = total;
        _clearPending(distribution);
        emit RootActivated(token, epoch, pending, total);
        return true;
    }

    function _clearPending(Distribution storage distribution) private {
        distribution.pendingRoot = bytes32(0);
        distribution.pendingTotal = 0;
        distribution.pendingActivatesAt = 0;
    }
}
