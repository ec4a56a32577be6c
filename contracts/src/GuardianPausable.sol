// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title GuardianPausable
/// @notice The guardian's brake: GUARDIAN_ROLE may pause the value-moving functions of a contract
/// (each marks them whenNotPaused); only the admin (the timelock, so governance) may unpause. The
/// guardian holds no other power here: it cannot move funds or grant roles. The admin itself is
/// OpenZeppelin AccessControlDefaultAdminRules: one holder, handed over in two steps with a delay.
abstract contract GuardianPausable is AccessControlDefaultAdminRules, Pausable {
    /// @notice Role allowed to pause.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice The guardian pauses the value-moving functions.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Governance (the admin) resumes them.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }
}
