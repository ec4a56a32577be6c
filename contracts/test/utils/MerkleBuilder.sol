// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @title MerkleBuilder
/// @notice Builds Merkle trees the way OpenZeppelin's StandardMerkleTree lays them out (leaves sorted
/// by hash, complete binary tree stored in an array, sorted-pair keccak256 for inner nodes), so the
/// tests exercise exactly the proofs off-chain tools produce.
library MerkleBuilder {
    /// @dev tree[0] is the root; leaf i (in sorted order) sits at tree[length - 1 - i].
    function build(bytes32[] memory leaves) internal pure returns (bytes32[] memory tree) {
        require(leaves.length > 0, "MerkleBuilder: no leaves");
        bytes32[] memory sorted = _sorted(leaves);
        uint256 n = sorted.length;
        tree = new bytes32[](2 * n - 1);
        for (uint256 i = 0; i < n; ++i) {
            tree[tree.length - 1 - i] = sorted[i];
        }
        for (uint256 i = tree.length - n; i > 0; --i) {
            uint256 node = i - 1;
            tree[node] = Hashes.commutativeKeccak256(tree[2 * node + 1], tree[2 * node + 2]);
        }
    }

    function root(bytes32[] memory tree) internal pure returns (bytes32) {
        return tree[0];
    }

    /// @dev Proof for `leaf`, which must be in the tree.
    function proof(bytes32[] memory tree, bytes32 leaf) internal pure returns (bytes32[] memory path) {
        uint256 index = type(uint256).max;
        uint256 firstLeaf = tree.length / 2; // leaves occupy the upper half of the array
        for (uint256 i = firstLeaf; i < tree.length; ++i) {
            if (tree[i] == leaf) {
                index = i;
                break;
            }
        }
        require(index != type(uint256).max, "MerkleBuilder: leaf not in tree");
        uint256 depth = 0;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) {
            ++depth;
        }
        path = new bytes32[](depth);
        uint256 k = 0;
        while (index > 0) {
            uint256 sibling = index % 2 == 1 ? index + 1 : index - 1;
            path[k++] = tree[sibling];
            index = (index - 1) / 2;
        }
    }

    function _sorted(bytes32[] memory leaves) private pure returns (bytes32[] memory out) {
        out = new bytes32[](leaves.length);
        for (uint256 i = 0; i < leaves.length; ++i) {
            bytes32 value = leaves[i];
            uint256 j = i;
            while (j > 0 && out[j - 1] > value) {
                out[j] = out[j - 1];
                --j;
            }
            out[j] = value;
        }
    }
}
