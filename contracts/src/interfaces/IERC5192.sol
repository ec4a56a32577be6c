// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ERC-5192: Minimal Soulbound NFTs
/// @notice Interface id 0xb45a3c0e (the selector of `locked(uint256)`).
interface IERC5192 {
    /// @notice Emitted when the locking status is changed to locked.
    /// @param tokenId The identifier of the token.
    event Locked(uint256 tokenId);

    /// @notice Emitted when the locking status is changed to unlocked.
    /// @param tokenId The identifier of the token.
    event Unlocked(uint256 tokenId);

    /// @notice Returns the locking status of a soul-bound token.
    /// @dev Tokens assigned to the zero address are invalid and queries about them revert.
    /// @param tokenId The identifier of the token.
    function locked(uint256 tokenId) external view returns (bool);
}
