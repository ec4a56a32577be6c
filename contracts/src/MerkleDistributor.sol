// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
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
/// Funding: posting a root declares `totalCumulative`, the sum of all cumulative amounts in the
/// tree, which may never go down; the poster pays in the increase over the previous epoch's total in
/// the same transaction (safeTransferFrom, so the poster approves this contract first). The contract
/// therefore always holds, per token, everything posted minus everything claimed, and it refuses any
/// claim that would take the token's total claimed above its total posted, even if a tree were wrong.
contract MerkleDistributor is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to post roots (and pay in their funding).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");

    struct Distribution {
        bytes32 root;
        uint64 epoch;
        uint64 postedAt;
        uint256 totalCumulative;
        uint256 totalClaimed;
    }

    mapping(address token => Distribution) private _distributions;
    mapping(address token => mapping(address account => uint256)) private _claimed;

    /// @notice The token address was zero.
    error ZeroToken();
    /// @notice The root was zero.
    error ZeroRoot();
    /// @notice A root's total cumulative amount was below the previous epoch's.
    /// @param token The token.
    /// @param previousTotal The previous epoch's total.
    /// @param newTotal The rejected total.
    error TotalCumulativeDecreased(address token, uint256 previousTotal, uint256 newTotal);
    /// @notice The token moved a different amount than requested (fee-on-transfer tokens are not supported).
    /// @param token The token.
    /// @param expected Amount requested.
    /// @param received Amount that arrived.
    error FundingMismatch(address token, uint256 expected, uint256 received);
    /// @notice No root was ever posted for the token.
    /// @param token The token.
    error NoDistribution(address token);
    /// @notice The proof does not lead from the leaf to the token's current root.
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
    /// @notice The claim would take the token's total claimed above its total posted.
    /// @param token The token.
    /// @param amount The payout the claim asked for.
    /// @param available Posted minus claimed.
    error ClaimExceedsPosted(address token, uint256 amount, uint256 available);

    /// @notice A new root replaced the token's previous one.
    event RootPosted(
        address indexed token, uint64 indexed epoch, bytes32 root, uint256 totalCumulative, uint256 funded
    );
    /// @notice `amount` was paid to `account`, bringing its claimed total to `cumulativeAmount`.
    event Claimed(
        address indexed account, address indexed token, uint64 indexed epoch, uint256 amount, uint256 cumulativeAmount
    );

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants DISTRIBUTOR_ROLE).
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Posts the next epoch's root for `token` and pays in its funding:
    /// `totalCumulative` minus the previous total, pulled from the caller.
    /// @param token The ERC-20 distributed.
    /// @param root Merkle root of (account, token, cumulativeAmount) leaves.
    /// @param totalCumulative Sum of all cumulative amounts in the tree (never below the previous total).
    /// @return epoch The new epoch number (1 for the first root of a token).
    function postRoot(address token, bytes32 root, uint256 totalCumulative)
        external
        onlyRole(DISTRIBUTOR_ROLE)
        nonReentrant
        returns (uint64 epoch)
    {
        if (token == address(0)) revert ZeroToken();
        if (root == bytes32(0)) revert ZeroRoot();
        Distribution storage distribution = _distributions[token];
        uint256 previousTotal = distribution.totalCumulative;
        if (totalCumulative < previousTotal) revert TotalCumulativeDecreased(token, previousTotal, totalCumulative);
        uint256 funding = totalCumulative - previousTotal;
        if (funding != 0) {
            uint256 before = IERC20(token).balanceOf(address(this));
            IERC20(token).safeTransferFrom(msg.sender, address(this), funding);
            uint256 received = IERC20(token).balanceOf(address(this)) - before;
            if (received != funding) revert FundingMismatch(token, funding, received);
        }
        epoch = distribution.epoch + 1;
        distribution.root = root;
        distribution.epoch = epoch;
        distribution.postedAt = uint64(block.timestamp);
        distribution.totalCumulative = totalCumulative;
        emit RootPosted(token, epoch, root, totalCumulative, funding);
    }

    /// @notice Pays `account` what it has earned in `token` and not yet claimed. Anyone may submit
    /// the claim; the tokens always go to `account`.
    /// @param account The entitled account.
    /// @param token The token.
    /// @param cumulativeAmount The account's cumulative entitlement in the current root.
    /// @param proof Sibling hashes from the leaf to the root (OpenZeppelin MerkleProof, sorted pairs).
    /// @return amount The amount paid.
    function claim(address account, address token, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        nonReentrant
        returns (uint256 amount)
    {
        Distribution storage distribution = _distributions[token];
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

    /// @notice The current distribution of a token (all zero before its first root).
    /// @param token The token.
    /// @return root Current root.
    /// @return epoch Current epoch number.
    /// @return postedAt Block timestamp of the current root.
    /// @return totalCumulative Total posted (and funded) so far.
    /// @return totalClaimed Total claimed so far.
    function getDistribution(address token)
        external
        view
        returns (bytes32 root, uint64 epoch, uint64 postedAt, uint256 totalCumulative, uint256 totalClaimed)
    {
        Distribution storage distribution = _distributions[token];
        return (
            distribution.root,
            distribution.epoch,
            distribution.postedAt,
            distribution.totalCumulative,
            distribution.totalClaimed
        );
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
}
