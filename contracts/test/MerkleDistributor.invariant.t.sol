// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {TestToken} from "../src/test/TestToken.sol";

/// @dev Drives the distributor through many epochs of two tokens: honest roots, roots whose leaves
/// promise more than was posted, claims with current and stale proofs, claims by third parties.
contract DistributorHandler is ContractTest {
    uint256 internal constant ACCOUNTS = 5;

    MerkleDistributor public immutable distributor;
    TestToken[2] public tokens;
    address[ACCOUNTS] public accounts;

    // per token: the entitlements of the current root, and of the root before it
    mapping(uint256 => uint256[ACCOUNTS]) internal _current;
    mapping(uint256 => uint256[ACCOUNTS]) internal _previous;
    mapping(uint256 => bool) internal _hasRoot;

    mapping(uint256 => uint256) public ghostPosted;
    mapping(uint256 => uint256) public ghostClaimed;
    mapping(uint256 => mapping(uint256 => uint256)) public ghostMaxEntitlement;
    uint256 public epochs;
    uint256 public successfulClaims;

    constructor(MerkleDistributor distributor_, TestToken token0, TestToken token1) {
        distributor = distributor_;
        tokens[0] = token0;
        tokens[1] = token1;
        for (uint256 i = 0; i < ACCOUNTS; ++i) {
            accounts[i] = address(uint160(0xA000 + i));
        }
        token0.approve(address(distributor_), type(uint256).max);
        token1.approve(address(distributor_), type(uint256).max);
    }

    /// @dev Posts the next epoch: each account's cumulative entitlement grows by a random amount.
    /// With `overPromise`, the declared total is below the sum of the leaves (a faulty tree).
    function postEpoch(uint256 tokenSeed, uint256 seed, bool overPromise) external {
        uint256 t = tokenSeed % 2;
        uint256[ACCOUNTS] memory next;
        uint256 sum;
        for (uint256 i = 0; i < ACCOUNTS; ++i) {
            uint256 increase = uint256(keccak256(abi.encode(seed, i))) % 1_000e6;
            next[i] = _current[t][i] + increase;
            sum += next[i];
        }
        uint256 posted = ghostPosted[t];
        uint256 declared = overPromise ? posted + (sum - posted) / 2 : sum;
        if (declared < posted) declared = posted;
        bytes32[] memory tree = MerkleBuilder.build(_leaves(t, next));
        tokens[t].mint(address(this), declared - posted);
        distributor.postRoot(address(tokens[t]), MerkleBuilder.root(tree), declared);
        ghostPosted[t] = declared;
        _previous[t] = _current[t];
        _current[t] = next;
        _hasRoot[t] = true;
        for (uint256 i = 0; i < ACCOUNTS; ++i) {
            if (next[i] > ghostMaxEntitlement[t][i]) ghostMaxEntitlement[t][i] = next[i];
        }
        ++epochs;
    }

    /// @dev Claims with a proof of the current root (or, with `stale`, of the previous one).
    function claim(uint256 tokenSeed, uint256 accountSeed, bool stale) external {
        uint256 t = tokenSeed % 2;
        if (!_hasRoot[t]) return;
        uint256 a = accountSeed % ACCOUNTS;
        uint256[ACCOUNTS] memory entitlements = stale ? _previous[t] : _current[t];
        bytes32[] memory leaves = _leaves(t, entitlements);
        bytes32[] memory tree = MerkleBuilder.build(leaves);
        bytes32[] memory proof = MerkleBuilder.proof(tree, leaves[a]);
        try distributor.claim(accounts[a], address(tokens[t]), entitlements[a], proof) returns (uint256 paid) {
            ghostClaimed[t] += paid;
            ++successfulClaims;
        } catch {}
    }

    function _leaves(uint256 t, uint256[ACCOUNTS] memory amounts) internal view returns (bytes32[] memory leaves) {
        leaves = new bytes32[](ACCOUNTS);
        for (uint256 i = 0; i < ACCOUNTS; ++i) {
            leaves[i] = distributor.leafHash(accounts[i], address(tokens[t]), amounts[i]);
        }
    }

    function accountCount() external pure returns (uint256) {
        return ACCOUNTS;
    }
}

contract MerkleDistributorInvariantTest is ContractTest {
    MerkleDistributor internal distributor;
    DistributorHandler internal handler;
    TestToken[2] internal tokens;

    function setUp() public {
        distributor = new MerkleDistributor(address(this));
        tokens[0] = new TestToken("Token A", "TKA", 6, address(this));
        tokens[1] = new TestToken("Token B", "TKB", 18, address(this));
        handler = new DistributorHandler(distributor, tokens[0], tokens[1]);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), address(handler));
        tokens[0].grantRole(tokens[0].MINTER_ROLE(), address(handler));
        tokens[1].grantRole(tokens[1].MINTER_ROLE(), address(handler));
    }

    /// @dev A fixed sequence through the handler: shows its claims pay out, then checks the invariants.
    function test_handlerSequence_paysAndKeepsInvariants() public {
        for (uint256 i = 1; i <= 12; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            handler.postEpoch(seed, seed >> 8, i % 4 == 0);
            for (uint256 a = 0; a < 5; ++a) {
                handler.claim(seed >> 16, a + (seed >> 24), (seed >> a) % 5 == 0);
            }
        }
        vm.assertLe(20, handler.successfulClaims(), "claims");
        invariant_claimsNeverExceedPosted();
        invariant_fullyFunded();
        invariant_noDoublePay();
    }

    /// @dev forge fuzzes only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The sum of claims never exceeds what was posted, per token, across all epochs.
    function invariant_claimsNeverExceedPosted() public view {
        for (uint256 t = 0; t < 2; ++t) {
            (,,, uint256 totalCumulative, uint256 totalClaimed) = distributor.getDistribution(address(tokens[t]));
            vm.assertEq(totalCumulative, handler.ghostPosted(t), "posted");
            vm.assertEq(totalClaimed, handler.ghostClaimed(t), "claimed");
            vm.assertLe(totalClaimed, totalCumulative, "claims exceed posted");
            uint256 paidOut;
            for (uint256 i = 0; i < handler.accountCount(); ++i) {
                paidOut += tokens[t].balanceOf(handler.accounts(i));
            }
            vm.assertEq(paidOut, totalClaimed, "balances of accounts");
        }
    }

    /// @notice The distributor holds exactly what was posted and not yet claimed.
    function invariant_fullyFunded() public view {
        for (uint256 t = 0; t < 2; ++t) {
            (,,, uint256 totalCumulative, uint256 totalClaimed) = distributor.getDistribution(address(tokens[t]));
            vm.assertEq(tokens[t].balanceOf(address(distributor)), totalCumulative - totalClaimed, "balance");
        }
    }

    /// @notice No account is ever paid more than its highest cumulative entitlement (no double pay).
    function invariant_noDoublePay() public view {
        for (uint256 t = 0; t < 2; ++t) {
            for (uint256 i = 0; i < handler.accountCount(); ++i) {
                address account = handler.accounts(i);
                uint256 claimed = distributor.claimed(address(tokens[t]), account);
                vm.assertEq(tokens[t].balanceOf(account), claimed, "paid = claimed");
                vm.assertLe(claimed, handler.ghostMaxEntitlement(t, i), "paid beyond entitlement");
            }
        }
    }
}
