// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GuardianPausable} from "./GuardianPausable.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ISlashReceiver} from "./interfaces/ISlashReceiver.sol";

/// @title InsurancePool
/// @notice Insurance for ML services, in one ERC-20 (`asset`). UNDERWRITER_ROLE creates policies
/// (holder, serviceId, coverage, premium, expiry); anyone may pay a policy's premium; PAYER_ROLE pays
/// claims to the holder, at most once per (policy, incident), never beyond the remaining coverage.
/// The pool is filled by premiums, by slashed stake from StakingPool (SLASH_DEPOSITOR_ROLE) and by
/// anyone through `fund`; capital leaves only through claims and through `withdrawCapital`, which
/// only the admin (the timelock) may call, and only down to the exposure.
/// @dev Cover: a policy covers incidents from the moment its premium is paid in full (its creation
/// when the premium is 0) up to and including its `expiry`; a claim names the incident's time,
/// which must lie inside that cover and not in the future. Claims for covered incidents are paid
/// until `expiry + claimGracePeriod`, so a claim delayed past expiry is not lost.
///
/// Exposure: every policy reserves its remaining coverage from creation until it is released
/// (anyone may release it once its claim period is over). The sum, `totalExposure`, is kept at or
/// below the pool's balance (a 1:1 ratio, EXPOSURE_LIMIT_BPS = 10,000): createPolicy refuses cover
/// the capital cannot back, and withdrawCapital cannot go below it. So every claim within coverage
/// can be paid. The guardian may pause createPolicy, payClaim and withdrawCapital (GuardianPausable).
contract InsurancePool is GuardianPausable, ReentrancyGuard, ISlashReceiver {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to create policies.
    bytes32 public constant UNDERWRITER_ROLE = keccak256("UNDERWRITER_ROLE");
    /// @notice Role allowed to pay claims.
    bytes32 public constant PAYER_ROLE = keccak256("PAYER_ROLE");
    /// @notice Role allowed to deposit slashed stake (the StakingPool).
    bytes32 public constant SLASH_DEPOSITOR_ROLE = keccak256("SLASH_DEPOSITOR_ROLE");

    /// @notice Exposure may be at most this share of the pool's balance, in basis points (10,000 = 1:1).
    uint256 public constant EXPOSURE_LIMIT_BPS = 10_000;

    struct Policy {
        address holder;
        uint64 expiry;
        uint64 createdAt;
        uint64 coverStart;
        bool released;
        bytes32 serviceId;
        uint256 coverage;
        uint256 premium;
        uint256 premiumPaid;
        uint256 paidOut;
    }

    IERC20 private immutable _asset;
    /// @notice Seconds after a policy's expiry during which claims for incidents inside its cover are still paid.
    uint64 public immutable claimGracePeriod;
    mapping(bytes32 policyId => Policy) private _policies;
    mapping(bytes32 policyId => mapping(bytes32 incidentId => uint256 amount)) private _claims;

    /// @notice Sum of all premiums paid.
    uint256 public totalPremiums;
    /// @notice Sum of all slashed stake received.
    uint256 public totalSlashReceived;
    /// @notice Sum of all `fund` deposits.
    uint256 public totalFunded;
    /// @notice Sum of all claims paid.
    uint256 public totalPaidOut;
    /// @notice Sum of all capital withdrawn by governance.
    uint256 public totalCapitalWithdrawn;
    /// @notice Sum of the remaining coverage of every policy not yet released.
    uint256 public totalExposure;

    /// @notice The asset address was zero.
    error ZeroAsset();
    /// @notice The policy id was zero.
    error ZeroPolicyId();
    /// @notice The holder was the zero address.
    error ZeroHolder();
    /// @notice The coverage was zero.
    error ZeroCoverage();
    /// @notice The amount was zero.
    error ZeroAmount();
    /// @notice The incident id was zero.
    error ZeroIncidentId();
    /// @notice The expiry is not in the future.
    /// @param expiry The rejected expiry.
    /// @param nowTimestamp The current block timestamp.
    error ExpiryNotInFuture(uint64 expiry, uint256 nowTimestamp);
    /// @notice A policy with this id exists already.
    /// @param policyId The policy.
    error PolicyExists(bytes32 policyId);
    /// @notice No policy has this id.
    /// @param policyId The policy.
    error PolicyNotFound(bytes32 policyId);
    /// @notice The policy has expired.
    /// @param policyId The policy.
    /// @param expiry Its expiry.
    error PolicyExpired(bytes32 policyId, uint64 expiry);
    /// @notice The payment exceeds the premium still due.
    /// @param policyId The policy.
    /// @param due Premium still due.
    /// @param amount The rejected payment.
    error PremiumExceedsDue(bytes32 policyId, uint256 due, uint256 amount);
    /// @notice The premium has not been paid in full.
    /// @param policyId The policy.
    /// @param premium The premium.
    /// @param paid What was paid so far.
    error PremiumNotPaid(bytes32 policyId, uint256 premium, uint256 paid);
    /// @notice A claim was already paid for this policy and incident.
    /// @param policyId The policy.
    /// @param incidentId The incident.
    error ClaimAlreadyPaid(bytes32 policyId, bytes32 incidentId);
    /// @notice The claim exceeds the policy's remaining coverage.
    /// @param policyId The policy.
    /// @param remaining Coverage not yet paid out.
    /// @param amount The rejected claim.
    error ExceedsRemainingCoverage(bytes32 policyId, uint256 remaining, uint256 amount);
    /// @notice The incident's time is outside the policy's paid cover (or in the future).
    /// @param policyId The policy.
    /// @param incidentTime The rejected incident time.
    /// @param coverStart When the cover began (the premium was paid in full).
    /// @param expiry Last covered timestamp.
    error IncidentOutsideCover(bytes32 policyId, uint64 incidentTime, uint64 coverStart, uint64 expiry);
    /// @notice The policy's claim period (expiry plus grace period) is over.
    /// @param policyId The policy.
    /// @param claimDeadline Last timestamp at which claims were paid.
    error ClaimPeriodOver(bytes32 policyId, uint64 claimDeadline);
    /// @notice The policy's claim period is not over yet, so it cannot be released.
    /// @param policyId The policy.
    /// @param claimDeadline Last timestamp at which claims are paid.
    error ClaimPeriodNotOver(bytes32 policyId, uint64 claimDeadline);
    /// @notice The policy has been released already.
    /// @param policyId The policy.
    error PolicyAlreadyReleased(bytes32 policyId);
    /// @notice The new cover would take the exposure above what the capital backs.
    /// @param exposure The exposure with the new cover.
    /// @param limit The most the capital backs.
    error ExposureExceedsCapital(uint256 exposure, uint256 limit);
    /// @notice The withdrawal would leave less capital than the exposure.
    /// @param available Capital above the exposure.
    /// @param amount The rejected amount.
    error CapitalBelowExposure(uint256 available, uint256 amount);
    /// @notice The recipient was the zero address.
    error ZeroRecipient();
    /// @notice The token moved a different amount than requested (fee-on-transfer tokens are not supported).
    /// @param expected Amount requested.
    /// @param received Amount that arrived.
    error TransferAmountMismatch(uint256 expected, uint256 received);

    /// @notice A policy was created.
    event PolicyCreated(
        bytes32 indexed policyId,
        address indexed holder,
        bytes32 indexed serviceId,
        uint256 coverage,
        uint256 premium,
        uint64 expiry
    );
    /// @notice Premium was paid for a policy.
    event PremiumPaid(bytes32 indexed policyId, address indexed payer, uint256 amount, uint256 premiumPaid);
    /// @notice A claim was paid to the policy holder.
    event ClaimPaid(
        bytes32 indexed policyId, bytes32 indexed incidentId, address indexed holder, uint256 amount, uint256 paidOut
    );
    /// @notice Slashed stake arrived from `from` (the StakingPool).
    event SlashedFundsReceived(
        address indexed from, address indexed provider, bytes32 indexed serviceId, bytes32 incidentId, uint256 amount
    );
    /// @notice Someone added capital to the pool.
    event PoolFunded(address indexed funder, uint256 amount);
    /// @notice The premium was paid in full: the policy covers incidents from `coverStart` to its expiry.
    event CoverStarted(bytes32 indexed policyId, uint64 coverStart, uint64 expiry);
    /// @notice A policy's claim period ended and its unused coverage (`released`) left the exposure.
    event PolicyReleased(bytes32 indexed policyId, uint256 released);
    /// @notice Governance withdrew capital above the exposure.
    event CapitalWithdrawn(address indexed to, uint256 amount, uint256 balanceAfter, uint256 exposure);

    /// @param asset_ The ERC-20 of premiums, claims and slashed stake.
    /// @param claimGracePeriod_ Seconds after expiry during which covered incidents are still paid.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants the other roles, withdraws capital): the timelock.
    /// @param adminDelay Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE.
    constructor(address asset_, uint64 claimGracePeriod_, address admin, uint48 adminDelay)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (asset_ == address(0)) revert ZeroAsset();
        _asset = IERC20(asset_);
        claimGracePeriod = claimGracePeriod_;
    }

    /// @inheritdoc ISlashReceiver
    function asset() external view returns (address) {
        return address(_asset);
    }

    /// @notice Creates a policy; its coverage is reserved from the capital (exposure at most the
    /// pool's balance). The cover starts once `premium` is paid in full (at once when it is 0).
    /// @param policyId Application policy id (non-zero, unused).
    /// @param holder Receives claim payouts (non-zero).
    /// @param serviceId The insured service.
    /// @param coverage Most the policy pays out in total (non-zero).
    /// @param premium Premium due before claims are payable.
    /// @param expiry Last covered timestamp (in the future).
    function createPolicy(
        bytes32 policyId,
        address holder,
        bytes32 serviceId,
        uint256 coverage,
        uint256 premium,
        uint64 expiry
    ) external onlyRole(UNDERWRITER_ROLE) whenNotPaused {
        if (policyId == bytes32(0)) revert ZeroPolicyId();
        if (holder == address(0)) revert ZeroHolder();
        if (coverage == 0) revert ZeroCoverage();
        if (expiry <= block.timestamp) revert ExpiryNotInFuture(expiry, block.timestamp);
        Policy storage policy = _policies[policyId];
        if (policy.holder != address(0)) revert PolicyExists(policyId);
        uint256 exposure = totalExposure + coverage;
        uint256 limit = _asset.balanceOf(address(this)) * EXPOSURE_LIMIT_BPS / 10_000;
        if (exposure > limit) revert ExposureExceedsCapital(exposure, limit);
        totalExposure = exposure;
        policy.holder = holder;
        policy.expiry = expiry;
        policy.createdAt = uint64(block.timestamp);
        policy.serviceId = serviceId;
        policy.coverage = coverage;
        policy.premium = premium;
        emit PolicyCreated(policyId, holder, serviceId, coverage, premium, expiry);
        if (premium == 0) {
            policy.coverStart = uint64(block.timestamp);
            emit CoverStarted(policyId, uint64(block.timestamp), expiry);
        }
    }

    /// @notice Pays (part of) a policy's premium from the caller's balance (approve first). The
    /// payment that completes the premium starts the cover: incidents before it are not covered.
    /// @param policyId The policy (not expired).
    /// @param amount Non-zero, at most the premium still due.
    function payPremium(bytes32 policyId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Policy storage policy = _requirePolicy(policyId);
        if (block.timestamp > policy.expiry) revert PolicyExpired(policyId, policy.expiry);
        uint256 paid = policy.premiumPaid;
        uint256 due = policy.premium - paid;
        if (amount > due) revert PremiumExceedsDue(policyId, due, amount);
        paid += amount;
        policy.premiumPaid = paid;
        totalPremiums += amount;
        _pull(msg.sender, amount);
        emit PremiumPaid(policyId, msg.sender, amount, paid);
        if (paid == policy.premium) {
            policy.coverStart = uint64(block.timestamp);
            emit CoverStarted(policyId, uint64(block.timestamp), policy.expiry);
        }
    }

    /// @notice Pays a claim to the policy holder for an incident inside the policy's paid cover.
    /// @param policyId The policy (premium paid, claim period not over).
    /// @param incidentId The incident (non-zero; one claim per policy and incident).
    /// @param incidentTime When the incident happened: from the cover's start to the expiry, not in the future.
    /// @param amount Non-zero, at most the remaining coverage.
    function payClaim(bytes32 policyId, bytes32 incidentId, uint64 incidentTime, uint256 amount)
        external
        onlyRole(PAYER_ROLE)
        nonReentrant
        whenNotPaused
    {
        if (incidentId == bytes32(0)) revert ZeroIncidentId();
        if (amount == 0) revert ZeroAmount();
        Policy storage policy = _requirePolicy(policyId);
        if (policy.premiumPaid < policy.premium) revert PremiumNotPaid(policyId, policy.premium, policy.premiumPaid);
        uint64 expiry = policy.expiry;
        uint64 coverStart = policy.coverStart;
        if (incidentTime < coverStart || incidentTime > expiry || incidentTime > block.timestamp) {
            revert IncidentOutsideCover(policyId, incidentTime, coverStart, expiry);
        }
        uint64 claimDeadline = expiry + claimGracePeriod;
        if (block.timestamp > claimDeadline) revert ClaimPeriodOver(policyId, claimDeadline);
        if (_claims[policyId][incidentId] != 0) revert ClaimAlreadyPaid(policyId, incidentId);
        uint256 paidOut = policy.paidOut;
        uint256 remaining = policy.coverage - paidOut;
        if (amount > remaining) revert ExceedsRemainingCoverage(policyId, remaining, amount);
        paidOut += amount;
        policy.paidOut = paidOut;
        _claims[policyId][incidentId] = amount;
        totalPaidOut += amount;
        totalExposure -= amount;
        address holder = policy.holder;
        _asset.safeTransfer(holder, amount);
        emit ClaimPaid(policyId, incidentId, holder, amount, paidOut);
    }

    /// @notice Releases a policy whose claim period is over: its unused coverage leaves the exposure.
    /// Anyone may call it.
    /// @param policyId The policy.
    /// @return released The coverage released.
    function releasePolicy(bytes32 policyId) external returns (uint256 released) {
        Policy storage policy = _requirePolicy(policyId);
        if (policy.released) revert PolicyAlreadyReleased(policyId);
        uint64 claimDeadline = policy.expiry + claimGracePeriod;
        if (block.timestamp <= claimDeadline) revert ClaimPeriodNotOver(policyId, claimDeadline);
        released = policy.coverage - policy.paidOut;
        policy.released = true;
        totalExposure -= released;
        emit PolicyReleased(policyId, released);
    }

    /// @notice Governance (the admin: the timelock) withdraws capital above the exposure.
    /// @param to The recipient (the treasury).
    /// @param amount Non-zero, at most the balance minus the exposure.
    function withdrawCapital(address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant whenNotPaused {
        if (to == address(0)) revert ZeroRecipient();
        if (amount == 0) revert ZeroAmount();
        uint256 available = freeCapital();
        if (amount > available) revert CapitalBelowExposure(available, amount);
        totalCapitalWithdrawn += amount;
        _asset.safeTransfer(to, amount);
        emit CapitalWithdrawn(to, amount, _asset.balanceOf(address(this)), totalExposure);
    }

    /// @notice Capital not backing any cover: the balance minus the exposure (0 if below).
    /// @return The free capital.
    function freeCapital() public view returns (uint256) {
        uint256 balance = _asset.balanceOf(address(this));
        uint256 exposure = totalExposure;
        return balance > exposure ? balance - exposure : 0;
    }

    /// @inheritdoc ISlashReceiver
    function depositSlashed(address provider, bytes32 serviceId, bytes32 incidentId, uint256 amount)
        external
        onlyRole(SLASH_DEPOSITOR_ROLE)
        nonReentrant
    {
        if (amount == 0) revert ZeroAmount();
        totalSlashReceived += amount;
        _pull(msg.sender, amount);
        emit SlashedFundsReceived(msg.sender, provider, serviceId, incidentId, amount);
    }

    /// @notice Adds capital to the pool from the caller's balance (approve first).
    /// @param amount Non-zero amount.
    function fund(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        totalFunded += amount;
        _pull(msg.sender, amount);
        emit PoolFunded(msg.sender, amount);
    }

    /// @notice A policy (all zero when it does not exist).
    /// @param policyId The policy.
    /// @return holder Receives payouts.
    /// @return serviceId The insured service.
    /// @return coverage Total payout limit.
    /// @return premium Premium due.
    /// @return premiumPaid Premium paid so far.
    /// @return paidOut Claims paid so far.
    /// @return expiry Last covered timestamp.
    /// @return createdAt Block timestamp of creation.
    /// @return coverStart When the premium was paid in full (0 while unpaid): the first covered timestamp.
    /// @return released Whether the policy's unused coverage left the exposure.
    function getPolicy(bytes32 policyId)
        external
        view
        returns (
            address holder,
            bytes32 serviceId,
            uint256 coverage,
            uint256 premium,
            uint256 premiumPaid,
            uint256 paidOut,
            uint64 expiry,
            uint64 createdAt,
            uint64 coverStart,
            bool released
        )
    {
        Policy storage policy = _policies[policyId];
        return (
            policy.holder,
            policy.serviceId,
            policy.coverage,
            policy.premium,
            policy.premiumPaid,
            policy.paidOut,
            policy.expiry,
            policy.createdAt,
            policy.coverStart,
            policy.released
        );
    }

    /// @notice Coverage not yet paid out (0 for an unknown policy).
    /// @param policyId The policy.
    /// @return The remaining coverage.
    function remainingCoverage(bytes32 policyId) external view returns (uint256) {
        Policy storage policy = _policies[policyId];
        return policy.coverage - policy.paidOut;
    }

    /// @notice The amount paid for a (policy, incident) claim, 0 when none was paid.
    /// @param policyId The policy.
    /// @param incidentId The incident.
    /// @return The amount paid.
    function claimPaid(bytes32 policyId, bytes32 incidentId) external view returns (uint256) {
        return _claims[policyId][incidentId];
    }

    /// @notice The pool's balance of `asset`.
    /// @return The balance.
    function poolBalance() external view returns (uint256) {
        return _asset.balanceOf(address(this));
    }

    function _requirePolicy(bytes32 policyId) private view returns (Policy storage policy) {
        policy = _policies[policyId];
        if (policy.holder == address(0)) revert PolicyNotFound(policyId);
    }

    function _pull(address from, uint256 amount) private {
        uint256 before = _asset.balanceOf(address(this));
        _asset.safeTransferFrom(from, address(this), amount);
        uint256 received = _asset.balanceOf(address(this)) - before;
        if (received != amount) revert TransferAmountMismatch(amount, received);
    }
}
