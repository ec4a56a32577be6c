// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title GovernanceTimelock
/// @notice The admin of the deployed contracts: an OpenZeppelin TimelockController whose proposer is
/// the GovernanceFinalizer (a finalized result's recorded call is `schedule` on this contract) and
/// whose canceller is the guardian. A scheduled call executes after the minimum delay.
contract GovernanceTimelock is TimelockController {
    /// @param minDelay Minimum delay in seconds between scheduling and executing a call.
    /// @param proposers Accounts granted PROPOSER_ROLE and CANCELLER_ROLE.
    /// @param executors Accounts granted EXECUTOR_ROLE (the zero address: anyone executes).
    /// @param admin Optional temporary admin for the initial wiring (zero: none; the timelock administers itself).
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
