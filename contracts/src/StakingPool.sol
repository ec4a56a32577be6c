// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ISlashReceiver} from "./interfaces/ISlashReceiver.sol";

/// @title StakingPool
/// @notice Providers stake an ERC-20 against the services they run. Withdrawing takes two steps:
/// requestUnbond moves stake from bonded to unbonding and starts the unbonding delay; withdraw pays
/// out all unbonding stake once the delay has passed. SLASHER_ROLE slashes bonded and unbonding
/// stake (bonded first) for an SLA incident and sends it to the insurance pool.
/// @dev One slash per (provider, serviceId, incidentId): an incident of a service may slash every
/// provider staked on it, each once; a retried slash for the same triple reverts AlreadySlashed.
/// A new unbonding request adds to the unbonding amount and restarts the delay for all of it.
contract StakingPool is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to slash.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    struct Position {
        uint256 bonded;
        uint256 unbonding;
        uint64 unbondingReadyAt;
    }

    /// @notice The staked ERC-20.
    IERC20 public immutable stakingToken;
    /// @notice Seconds between an unbonding request and the earliest withdraw.
    uint64 public immutable unbondingDelay;
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
    mapping(bytes32 slashKey => bool) private _slashed;

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
    /// @notice This incident already slashed this provider's stake on this service.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    error AlreadySlashed(address provider, bytes32 serviceId, bytes32 incidentId);
    /// @notice The slash exceeds the provider's stake (bonded plus unbonding) on the service.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param stake Bonded plus unbonding stake.
    /// @param amount The rejected amount.
    error SlashExceedsStake(address provider, bytes32 serviceId, uint256 stake, uint256 amount);
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
    /// @notice Stake was slashed and sent to the insurance pool.
    event Slashed(
        address indexed provider,
        bytes32 indexed serviceId,
        bytes32 indexed incidentId,
        uint256 amount,
        uint256 fromBonded,
        uint256 fromUnbonding,
        string reason
    );

    /// @param stakingToken_ The staked ERC-20.
    /// @param unbondingDelay_ Seconds between an unbonding request and the earliest withdraw.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants SLASHER_ROLE, sets the insurance pool).
    constructor(address stakingToken_, uint64 unbondingDelay_, address admin) {
        if (stakingToken_ == address(0)) revert ZeroToken();
        stakingToken = IERC20(stakingToken_);
        unbondingDelay = unbondingDelay_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Sets the pool that receives slashed stake; it must hold the staking token and grant
    /// this contract its SLASH_DEPOSITOR_ROLE.
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
    function stake(bytes32 serviceId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Position storage position = _positions[msg.sender][serviceId];
        uint256 bonded = position.bonded + amount;
        position.bonded = bonded;
        totalBonded += amount;
        totalStaked += amount;
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

    /// @notice Pays the caller all its unbonding stake on `serviceId` once the delay has passed.
    /// @param serviceId The service.
    /// @return amount The amount withdrawn.
    function withdraw(bytes32 serviceId) external nonReentrant returns (uint256 amount) {
        Position storage position = _positions[msg.sender][serviceId];
        amount = position.unbonding;
        if (amount == 0) revert NothingToWithdraw(msg.sender, serviceId);
        uint64 readyAt = position.unbondingReadyAt;
        if (block.timestamp < readyAt) revert UnbondingNotReady(msg.sender, serviceId, readyAt);
        position.unbonding = 0;
        position.unbondingReadyAt = 0;
        totalUnbonding -= amount;
        totalWithdrawn += amount;
        stakingToken.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, serviceId, amount);
    }

    /// @notice Slashes a provider's stake on a service for an incident and sends it to the insurance pool.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param amount Non-zero, at most bonded plus unbonding stake.
    /// @param incidentId The incident (non-zero; once per provider, service and incident).
    /// @param reason Why the stake is slashed.
    function slash(address provider, bytes32 serviceId, uint256 amount, bytes32 incidentId, string calldata reason)
        external
        onlyRole(SLASHER_ROLE)
        nonReentrant
    {
        if (amount == 0) revert ZeroAmount();
        if (incidentId == bytes32(0)) revert ZeroIncidentId();
        ISlashReceiver pool = insurancePool;
        if (address(pool) == address(0)) revert InsurancePoolNotSet();
        bytes32 key = _slashKey(provider, serviceId, incidentId);
        if (_slashed[key]) revert AlreadySlashed(provider, serviceId, incidentId);
        _slashed[key] = true;
        (uint256 fromBonded, uint256 fromUnbonding) = _debit(provider, serviceId, amount);
        totalSlashed += amount;
        emit Slashed(provider, serviceId, incidentId, amount, fromBonded, fromUnbonding, reason);
        stakingToken.forceApprove(address(pool), amount);
        pool.depositSlashed(provider, serviceId, incidentId, amount);
    }

    /// @notice A provider's stake on a service.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @return bonded Bonded stake.
    /// @return unbonding Stake waiting out the unbonding delay.
    /// @return unbondingReadyAt First timestamp at which the unbonding stake can be withdrawn (0 when none).
    function positionOf(address provider, bytes32 serviceId)
        external
        view
        returns (uint256 bonded, uint256 unbonding, uint64 unbondingReadyAt)
    {
        Position storage position = _positions[provider][serviceId];
        return (position.bonded, position.unbonding, position.unbondingReadyAt);
    }

    /// @notice Whether `incidentId` has slashed `provider`'s stake on `serviceId`.
    /// @param provider The provider.
    /// @param serviceId The service.
    /// @param incidentId The incident.
    /// @return True when slashed.
    function isSlashed(address provider, bytes32 serviceId, bytes32 incidentId) external view returns (bool) {
        return _slashed[_slashKey(provider, serviceId, incidentId)];
    }

    /// @dev Takes `amount` from the position, bonded stake first, and updates the totals.
    function _debit(address provider, bytes32 serviceId, uint256 amount)
        private
        returns (uint256 fromBonded, uint256 fromUnbonding)
    {
        Position storage position = _positions[provider][serviceId];
        uint256 bonded = position.bonded;
        uint256 unbonding = position.unbonding;
        if (amount > bonded + unbonding) revert SlashExceedsStake(provider, serviceId, bonded + unbonding, amount);
        fromBonded = amount < bonded ? amount : bonded;
        fromUnbonding = amount - fromBonded;
        position.bonded = bonded - fromBonded;
        position.unbonding = unbonding - fromUnbonding;
        totalBonded -= fromBonded;
        totalUnbonding -= fromUnbonding;
    }

    function _slashKey(address provider, bytes32 serviceId, bytes32 incidentId) private pure returns (bytes32) {
        return keccak256(abi.encode(provider, serviceId, incidentId));
    }
}
