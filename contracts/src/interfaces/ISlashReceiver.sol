// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISlashReceiver
/// @notice What StakingPool needs from the pool that receives slashed stake (InsurancePool).
interface ISlashReceiver {
    /// @notice The ERC-20 the receiver holds; it must be the staking token.
    /// @return The token address.
    function asset() external view returns (address);

    /// @notice Pulls `amount` of `asset()` from the caller (which approved it) and records it as
    /// slashed stake of `provider` for `serviceId` and `incidentId`.
    /// @param provider The slashed provider.
    /// @param serviceId The service the stake backed.
    /// @param incidentId The incident that caused the slash.
    /// @param amount The amount slashed.
    function depositSlashed(address provider, bytes32 serviceId, bytes32 incidentId, uint256 amount) external;
}
