// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GuardianPausable} from "./GuardianPausable.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ISlashReceiver} from "./interfaces/ISlashReceiver.sol";

/// @title StakingPool
/// @notice Providers stake an ERC-20 against the services they run. Withdrawing takes two steps:
/// requestUnbond moves stake from bonded to unbonding and starts the unbonding delay; withdraw pays
/// out all unbonding stake once the delay has passed. Unbonding stake stays slashable until it is
/// withdrawn.
///
/// Slashing takes two steps. SLASHER_ROLE proposes a slash for an incident (naming when it
/// happened); during the veto window governance (DEFAULT_ADMIN_ROLE, held by the timelock) may
/// cancel it, which is how a provider's dispute, decided by a vote, stops a slash. After the window
/// anyone executes it: it takes what is slashable, up to the proposed amount, bonded stake first,
/// and sends it to the insurance pool. It never reverts because part of the stake left.
///
/// What is slashable for an incident at time t is the part of the stake held at t that is still
/// held: the current stake minus every deposit made after t (a checkpoint of cumulative deposits
/// per position answers this), so stake added after an incident can never be taken for it. While
/// a slash is pending on a position, its unbonding stake cannot be withdrawn.
/// @dev One slash per (provider, serviceId, incidentId): an incident of a service may slash every
/// provider staked on it, each once; a second proposal for the same triple (pending, executed or
/// cancelled) reverts AlreadySlashed. A new unbonding request adds to the unbonding amount and
/// restarts the delay for all of it. The insurance pool is set by the admin, i.e. only through the
/// timelock once governance owns the admin role. The guardian may pause stake, proposeSlash and
/// executeSlash (GuardianPausable); requestUnbond and withdraw stay open.
contract StakingPool is GuardianPausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to propose slashes.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    /// @notice Where a proposed slash is.
    enum SlashStatus {
        None,
        Pending,
        Executed,
        Cancelled
    }

    struct Position {
        uint256 bonded;
        uint256 unbonding;
        uint64 unbondingReadyAt;
        uint32 pendingSlashes;
    }

    /// @dev Cumulative deposits of a position up to and including `time` (OpenZeppelin's
    /// Checkpoints is not used: solc 0.8.37 warns about its `at` function, and the build refuses warnings).
    struct DepositCheckpoint {
        uint48 time;
        uint208 cumulative;
    }

    struct Slash {
        SlashStatus status;
        uint64 incidentTime;
        uint64 executableAt;
        uint256 amount;
        uint256 slashed;
    }

    /// @notice The staked ERC-20.
    IERC20 public immutable stakingToken;
    /// @notice Seconds between an unbonding request and the earliest withdraw.
    uint64 public immutable unbondingDelay;
    /// @notice Seconds between a slash proposal and the earliest execution (governance may cancel meanwhile).
    uint64 public immutable slashVetoWindow;
    /// @notice Where slashed stake goes.
    ISlashReceiver public insurancePool;

    /// @notice Sum of all bonded stake.
    uint256 public totalBonded;
    /// @notice Sum of all unbonding stake.
    uint256 public totalUnbonding;
    /// @notice Sum of all stake ever deposited.
    uint256 public totalStaked;
    /// @notice Sum of all stake ever slashed.
    uint256 public totalSlashed;
    /// @notice Sum of all stake ever withdrawn.
    uint256 public totalWithdrawn;

    mapping(address provider => mapping(bytes32 serviceId => Position)) private _positions;
    mapping(address provider => mapping(bytes32 serviceId => DepositCheckpoint[])) private _deposits;
    mapping(bytes32 slashKey => Slash) private _slashes;

    /// @notice The token address was zero.
    error ZeroToken();
    /// @notice The amount was zero.
    error ZeroAmount();
    /// @notice The incident id was zero.
    error ZeroIncidentId();
    /// @notice The insurance pool address was zero.
    error ZeroInsurancePool();
    /// @notice The insurance pool holds a different asset than the staking token.
    /// @param expected The staking token.
    /// @param actual The pool's asset.
    error InsurancePoolAssetMismatch(address expected, address actual);
    /// @notice No insurance pool is configured, so nothing can be slashed.
    error InsurancePoolNotSet();
    /// @notice The unbonding request exceeds the bonded stake.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param bonded The bonded stake.
    /// @param amount The rejected amount.
    error InsufficientBonded(address provider, bytes32 serviceId, uint256 bonded, uint256 amount);
    /// @notice There is no unbonding stake to withdraw.
    /// @param provider The provider.
    /// @param serviceId The service.
    error NothingToWithdraw(address provider, bytes32 serviceId);
    /// @notice The unbonding delay has not passed.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param readyAt First timestamp at which withdraw succeeds.
    error UnbondingNotReady(address provider, bytes32 serviceId, uint64 readyAt);
    /// @notice A slash is pending on the position, so its stake cannot be withdrawn yet.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param pendingSlashes How many slashes are pending.
    error SlashPending(address provider, bytes32 serviceId, uint32 pendingSlashes);
    /// @notice This incident already has a slash (pending, executed or cancelled) of this provider's stake on this service.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    error AlreadySlashed(address provider, bytes32 serviceId, bytes32 incidentId);
    /// @notice The incident time is zero or in the future.
    /// @param incidentTime The rejected incident time.
    /// @param nowTimestamp The current block timestamp.
    error InvalidIncidentTime(uint64 incidentTime, uint256 nowTimestamp);
    /// @notice No slash is pending for this provider, service and incident.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    error SlashNotPending(address provider, bytes32 serviceId, bytes32 incidentId);
    /// @notice The veto window of the slash is still open.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    /// @param executableAt First timestamp at which the slash can be executed.
    error VetoWindowOpen(address provider, bytes32 serviceId, bytes32 incidentId, uint64 executableAt);
    /// @notice The token moved a different amount than requested (fee-on-transfer tokens are not supported).
    /// @param expected Amount requested.
    /// @param received Amount that arrived.
    error TransferAmountMismatch(uint256 expected, uint256 received);

    /// @notice The admin set the insurance pool.
    event InsurancePoolSet(address indexed previousPool, address indexed newPool);
    /// @notice A provider added bonded stake.
    event Staked(address indexed provider, bytes32 indexed serviceId, uint256 amount, uint256 bonded);
    /// @notice A provider started unbonding `amount`; all its unbonding stake is withdrawable at `readyAt`.
    event UnbondRequested(
        address indexed provider, bytes32 indexed serviceId, uint256 amount, uint256 unbonding, uint64 readyAt
    );
    /// @notice A provider withdrew its unbonding stake.
    event Withdrawn(address indexed provider, bytes32 indexed serviceId, uint256 amount);
    /// @notice A slash of up to `amount` was proposed for an incident at `incidentTime`; executable from `executableAt`.
    event SlashProposed(
        address indexed provider,
        bytes32 indexed serviceId,
        bytes32 indexed incidentId,
        uint256 amount,
        uint64 incidentTime,
        uint64 executableAt,
        string reason
    );
    /// @notice Governance cancelled a pending slash.
    event SlashCancelled(
        address indexed provider, bytes32 indexed serviceId, bytes32 indexed incidentId, address canceller, string reason
    );
    /// @notice A slash was executed: `amount` (what was slashable, up to the proposal) went to the insurance pool.
    event Slashed(
        address indexed provider,
        bytes32 indexed serviceId,
        bytes32 indexed incidentId,
        uint256 amount,
        uint256 fromBonded,
        uint256 fromUnbonding
    );

    /// @param stakingToken_ The staked ERC-20.
    /// @param unbondingDelay_ Seconds between an unbonding request and the earliest withdraw.
    /// @param slashVetoWindow_ Seconds between a slash proposal and its earliest execution.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants SLASHER_ROLE, sets the insurance pool, cancels slashes): the timelock.
    /// @param adminDelay Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE.
    constructor(address stakingToken_, uint64 unbondingDelay_, uint64 slashVetoWindow_, address admin, uint48 adminDelay)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (stakingToken_ == address(0)) revert ZeroToken();
        stakingToken = IERC20(stakingToken_);
        unbondingDelay = unbondingDelay_;
        slashVetoWindow = slashVetoWindow_;
    }

    /// @notice Sets the pool that receives slashed stake; it must hold the staking token and grant
    /// this contract its SLASH_DEPOSITOR_ROLE. Admin only (the timelock).
    /// @param pool The insurance pool.
    function setInsurancePool(address pool) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (pool == address(0)) revert ZeroInsurancePool();
        address poolAsset = ISlashReceiver(pool).asset();
        if (poolAsset != address(stakingToken)) revert InsurancePoolAssetMismatch(address(stakingToken), poolAsset);
        address previous = address(insurancePool);
        insurancePool = ISlashReceiver(pool);
        emit InsurancePoolSet(previous, pool);
    }

    /// @notice Stakes `amount` from the caller's balance (approve first) against `serviceId`.
    /// @param serviceId The service.
    /// @param amount Non-zero amount.
    function stake(bytes32 serviceId, uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        Position storage position = _positions[msg.sender][serviceId];
        uint256 bonded = position.bonded + amount;
        position.bonded = bonded;
        totalBonded += amount;
        totalStaked += amount;
        _recordDeposit(_deposits[msg.sender][serviceId], amount);
        uint256 before = stakingToken.balanceOf(address(this));
        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = stakingToken.balanceOf(address(this)) - before;
        if (received != amount) revert TransferAmountMismatch(amount, received);
        emit Staked(msg.sender, serviceId, amount, bonded);
    }

    /// @notice Moves `amount` of the caller's bonded stake to unbonding and restarts the delay.
    /// @param serviceId The service.
    /// @param amount Non-zero, at most the bonded stake.
    function requestUnbond(bytes32 serviceId, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Position storage position = _positions[msg.sender][serviceId];
        uint256 bonded = position.bonded;
        if (amount > bonded) revert InsufficientBonded(msg.sender, serviceId, bonded, amount);
        uint256 unbonding = position.unbonding + amount;
        uint64 readyAt = uint64(block.timestamp) + unbondingDelay;
        position.bonded = bonded - amount;
        position.unbonding = unbonding;
        position.unbondingReadyAt = readyAt;
        totalBonded -= amount;
        totalUnbonding += amount;
        emit UnbondRequested(msg.sender, serviceId, amount, unbonding, readyAt);
    }

    /// @notice Pays the caller all its unbonding stake on `serviceId` once the delay has passed and
    /// no slash is pending on the position.
    /// @param serviceId The service.
    /// @return amount The amount withdrawn.
    function withdraw(bytes32 serviceId) external nonReentrant returns (uint256 amount) {
        Position storage position = _positions[msg.sender][serviceId];
        amount = position.unbonding;
        if (amount == 0) revert NothingToWithdraw(msg.sender, serviceId);
        uint64 readyAt = position.unbondingReadyAt;
        if (block.timestamp < readyAt) revert UnbondingNotReady(msg.sender, serviceId, readyAt);
        uint32 pending = position.pendingSlashes;
        if (pending != 0) revert SlashPending(msg.sender, serviceId, pending);
        position.unbonding = 0;
        position.unbondingReadyAt = 0;
        totalUnbonding -= amount;
        totalWithdrawn += amount;
        stakingToken.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, serviceId, amount);
    }

    /// @notice Proposes slashing up to `amount` of a provider's stake on a service for an incident
    /// at `incidentTime`; executable after the veto window.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param amount Non-zero; the most the slash takes.
    /// @param incidentId The incident (non-zero; once per provider, service and incident).
    /// @param incidentTime When the incident happened (non-zero, not in the future); bounds what is slashable.
    /// @param reason Why the stake is slashed.
    function proposeSlash(
        address provider,
        bytes32 serviceId,
        uint256 amount,
        bytes32 incidentId,
        uint64 incidentTime,
        string calldata reason
    ) external onlyRole(SLASHER_ROLE) whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (incidentId == bytes32(0)) revert ZeroIncidentId();
        if (incidentTime == 0 || incidentTime > block.timestamp) {
            revert InvalidIncidentTime(incidentTime, block.timestamp);
        }
        if (address(insurancePool) == address(0)) revert InsurancePoolNotSet();
        Slash storage slash_ = _slashes[_slashKey(provider, serviceId, incidentId)];
        if (slash_.status != SlashStatus.None) revert AlreadySlashed(provider, serviceId, incidentId);
        uint64 executableAt = uint64(block.timestamp) + slashVetoWindow;
        slash_.status = SlashStatus.Pending;
        slash_.incidentTime = incidentTime;
        slash_.executableAt = executableAt;
        slash_.amount = amount;
        ++_positions[provider][serviceId].pendingSlashes;
        emit SlashProposed(provider, serviceId, incidentId, amount, incidentTime, executableAt, reason);
    }

    /// @notice Governance cancels a pending slash (for example after a provider's dispute won a vote).
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    /// @param reason Why the slash is cancelled.
    function cancelSlash(address provider, bytes32 serviceId, bytes32 incidentId, string calldata reason)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        Slash storage slash_ = _slashes[_slashKey(provider, serviceId, incidentId)];
        if (slash_.status != SlashStatus.Pending) revert SlashNotPending(provider, serviceId, incidentId);
        slash_.status = SlashStatus.Cancelled;
        --_positions[provider][serviceId].pendingSlashes;
        emit SlashCancelled(provider, serviceId, incidentId, msg.sender, reason);
    }

    /// @notice Executes a pending slash once its veto window has passed: takes what is slashable for
    /// the incident, up to the proposed amount (possibly nothing), into the insurance pool. Anyone may call it.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    /// @return amount The amount slashed.
    function executeSlash(address provider, bytes32 serviceId, bytes32 incidentId)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        Slash storage slash_ = _slashes[_slashKey(provider, serviceId, incidentId)];
        if (slash_.status != SlashStatus.Pending) revert SlashNotPending(provider, serviceId, incidentId);
        uint64 executableAt = slash_.executableAt;
        if (block.timestamp < executableAt) revert VetoWindowOpen(provider, serviceId, incidentId, executableAt);
        ISlashReceiver pool = insurancePool;
        uint256 slashable = slashableAt(provider, serviceId, slash_.incidentTime);
        amount = slash_.amount < slashable ? slash_.amount : slashable;
        slash_.status = SlashStatus.Executed;
        slash_.slashed = amount;
        Position storage position = _positions[provider][serviceId];
        --position.pendingSlashes;
        uint256 bonded = position.bonded;
        uint256 fromBonded = amount < bonded ? amount : bonded;
        uint256 fromUnbonding = amount - fromBonded;
        position.bonded = bonded - fromBonded;
        position.unbonding -= fromUnbonding;
        totalBonded -= fromBonded;
        totalUnbonding -= fromUnbonding;
        totalSlashed += amount;
        emit Slashed(provider, serviceId, incidentId, amount, fromBonded, fromUnbonding);
        if (amount != 0) {
            stakingToken.forceApprove(address(pool), amount);
            pool.depositSlashed(provider, serviceId, incidentId, amount);
        }
    }

    /// @notice What a slash for an incident at `incidentTime` could take now: the part of the
    /// stake held at that time that is still held (current stake minus deposits made after it).
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentTime The incident's time.
    /// @return The slashable amount.
    function slashableAt(address provider, bytes32 serviceId, uint64 incidentTime) public view returns (uint256) {
        Position storage position = _positions[provider][serviceId];
        uint256 held = position.bonded + position.unbonding;
        DepositCheckpoint[] storage deposits = _deposits[provider][serviceId];
        uint256 depositedSince = _latest(deposits) - _depositedUpTo(deposits, incidentTime);
        return held > depositedSince ? held - depositedSince : 0;
    }

    /// @notice A provider's stake on a service.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @return bonded Bonded stake.
    /// @return unbonding Stake waiting out the unbonding delay.
    /// @return unbondingReadyAt First timestamp at which the unbonding stake can be withdrawn (0 when none).
    /// @return pendingSlashes Slashes proposed and neither executed nor cancelled (withdraw waits for them).
    function positionOf(address provider, bytes32 serviceId)
        external
        view
        returns (uint256 bonded, uint256 unbonding, uint64 unbondingReadyAt, uint32 pendingSlashes)
    {
        Position storage position = _positions[provider][serviceId];
        return (position.bonded, position.unbonding, position.unbondingReadyAt, position.pendingSlashes);
    }

    /// @notice A slash (all zero when none was proposed).
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    /// @return status Where the slash is.
    /// @return amount The most it takes.
    /// @return incidentTime When the incident happened.
    /// @return executableAt First timestamp at which it can be executed.
    /// @return slashed What it took (once executed).
    function getSlash(address provider, bytes32 serviceId, bytes32 incidentId)
        external
        view
        returns (SlashStatus status, uint256 amount, uint64 incidentTime, uint64 executableAt, uint256 slashed)
    {
        Slash storage slash_ = _slashes[_slashKey(provider, serviceId, incidentId)];
        return (slash_.status, slash_.amount, slash_.incidentTime, slash_.executableAt, slash_.slashed);
    }

    /// @notice Whether a slash for `incidentId` has been executed on `provider`'s stake on `serviceId`.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    /// @return True when executed.
    function isSlashed(address provider, bytes32 serviceId, bytes32 incidentId) external view returns (bool) {
        return _slashes[_slashKey(provider, serviceId, incidentId)].status == SlashStatus.Executed;
    }

    /// @dev Appends the cumulative deposits after adding `amount`, at the current timestamp. Always a
    /// new checkpoint (even within one timestamp), so the gas a stake costs does not depend on the
    /// block it lands in, and a gas estimate made against the previous block still holds.
    function _recordDeposit(DepositCheckpoint[] storage deposits, uint256 amount) private {
        deposits.push(
            DepositCheckpoint(SafeCast.toUint48(block.timestamp), SafeCast.toUint208(_latest(deposits) + amount))
        );
    }

    function _latest(DepositCheckpoint[] storage deposits) private view returns (uint256) {
        uint256 length = deposits.length;
        return length == 0 ? 0 : deposits[length - 1].cumulative;
    }

    /// @dev Cumulative deposits made at or before `time` (binary search over the checkpoints).
    function _depositedUpTo(DepositCheckpoint[] storage deposits, uint64 time) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = deposits.length;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (deposits[mid].time > time) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return high == 0 ? 0 : deposits[high - 1].cumulative;
    }

    function _slashKey(address provider, bytes32 serviceId, bytes32 incidentId) private pure returns (bytes32) {
        return keccak256(abi.encode(provider, serviceId, incidentId));
    }
}
