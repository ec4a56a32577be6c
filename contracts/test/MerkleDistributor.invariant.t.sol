// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {TestToken} from "../src/test/TestToken.sol";

/// @dev Drives the distributor through many epochs of two tokens: honest roots, roots whose leaves
/// promise more than was posted, pending roots that are disputed or activate after the window,
/// claims with active, stale and still-pending proofs, claims by third parties.
contract DistributorHandler is ContractTest {
    uint256 internal constant ACCOUNTS = 5;
    uint64 internal constant WINDOW = 1 days;

    MerkleDistributor public immutable distributor;
    TestToken[2] public tokens;
    address[ACCOUNTS] public accounts;

    // per token: the entitlements of the active root, the one before it and the pending one
    mapping(uint256 => uint256[ACCOUNTS]) internal _active;
    mapping(uint256 => uint256[ACCOUNTS]) internal _previous;
    mapping(uint256 => uint256[ACCOUNTS]) internal _pending;
    mapping(uint256 => bool) internal _hasRoot;
    mapping(uint256 => bool) internal _hasPending;
    mapping(uint256 => uint256) internal _pendingTotal;
    mapping(uint256 => uint64) internal _pendingActivatesAt;

    mapping(uint256 => uint256) public ghostFunded;
    mapping(uint256 => uint256) public ghostActiveTotal;
    mapping(uint256 => uint256) public ghostClaimed;
    uint256 public epochs;
    uint256 public disputes;
    uint256 public successfulClaims;
    uint256 public pendingProofsAccepted;

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

    /// @dev Posts the next epoch as pending: each account's cumulative entitlement grows by a random
    /// amount. With `overPromise`, the declared total is below the sum of the leaves (a faulty tree).
    function postEpoch(uint256 tokenSeed, uint256 seed, bool overPromise) external {
        uint256 t = tokenSeed % 2;
        _sync(t);
        if (_hasPending[t]) return;
        uint256[ACCOUNTS] memory next;
        uint256 sum;
        for (uint256 i = 0; i < ACCOUNTS; ++i) {
            uint256 increase = uint256(keccak256(abi.encode(seed, i))) % 1_000e6;
            next[i] = _active[t][i] + increase;
            sum += next[i];
        }
        uint256 activeTotal = ghostActiveTotal[t];
        uint256 declared = overPromise ? activeTotal + (sum - activeTotal) / 2 : sum;
        if (declared < activeTotal) declared = activeTotal;
        uint256 funding = declared > ghostFunded[t] ? declared - ghostFunded[t] : 0;
        bytes32[] memory tree = MerkleBuilder.build(_leaves(t, next));
        tokens[t].mint(address(this), funding);
        distributor.postRoot(address(tokens[t]), MerkleBuilder.root(tree), declared);
        ghostFunded[t] += funding;
        _pending[t] = next;
        _pendingTotal[t] = declared;
        _pendingActivatesAt[t] = uint64(block.timestamp) + WINDOW;
        _hasPending[t] = true;
        ++epochs;
    }

    /// @dev Disputes the pending root of a token (refused once its window has closed).
    function dispute(uint256 tokenSeed) external {
        uint256 t = tokenSeed % 2;
        try distributor.disputeRoot(address(tokens[t]), "invariant") {
            _hasPending[t] = false;
            ++disputes;
        } catch {}
    }

    function advanceTime(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 2 days));
    }

    /// @dev Claims with a proof of the active root, of the one before it (stale) or of the pending one.
    function claim(uint256 tokenSeed, uint256 accountSeed, uint256 which) external {
        uint256 t = tokenSeed % 2;
        uint256 a = accountSeed % ACCOUNTS;
        bool pendingProof = which % 4 == 3 && _hasPending[t] && block.timestamp < _pendingActivatesAt[t];
        _sync(t);
        if (!_hasRoot[t]) return;
        uint256[ACCOUNTS] memory entitlements =
            pendingProof ? _pending[t] : which % 4 == 2 ? _previous[t] : _active[t];
        bytes32[] memory leaves = _leaves(t, entitlements);
        bytes32[] memory tree = MerkleBuilder.build(leaves);
        bytes32[] memory proof = MerkleBuilder.proof(tree, leaves[a]);
        try distributor.claim(accounts[a], address(tokens[t]), entitlements[a], proof) returns (uint256 paid) {
            ghostClaimed[t] += paid;
            ++successfulClaims;
            if (pendingProof && entitlements[a] != _active[t][a]) ++pendingProofsAccepted;
        } catch {}
    }

    /// @dev Mirrors the contract's activation of a pending root whose window has passed.
    function _sync(uint256 t) internal {
        if (_hasPending[t] && block.timestamp >= _pendingActivatesAt[t]) {
            _previous[t] = _active[t];
            _active[t] = _pending[t];
            ghostActiveTotal[t] = _pendingTotal[t];
            _hasPending[t] = false;
            _hasRoot[t] = true;
        }
    }

    function activeEntitlement(uint256 t, uint256 i) external view returns (uint256) {
        if (_hasPending[t] && block.timestamp >= _pendingActivatesAt[t]) return _pending[t][i];
        return _active[t][i];
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
        vm.warp(1_760_000_000);
        distributor = new MerkleDistributor(address(this), 1 days, 365 days, 0);
        tokens[0] = new TestToken("Token A", "TKA", 6, address(this));
        tokens[1] = new TestToken("Token B", "TKB", 18, address(this));
        handler = new DistributorHandler(distributor, tokens[0], tokens[1]);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), address(handler));
        distributor.grantRole(distributor.CHALLENGER_ROLE(), address(handler));
        tokens[0].grantRole(tokens[0].MINTER_ROLE(), address(handler));
        tokens[1].grantRole(tokens[1].MINTER_ROLE(), address(handler));
    }

    /// @dev A fixed sequence through the handler: shows its claims pay out, then checks the invariants.
    function test_handlerSequence_paysAndKeepsInvariants() public {
        for (uint256 i = 1; i <= 16; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            handler.postEpoch(seed, seed >> 8, i % 4 == 0);
            if (i % 5 == 0) handler.dispute(seed);
            for (uint256 a = 0; a < 5; ++a) {
                handler.claim(seed >> 16, a + (seed >> 24), (seed >> (a + 32)) % 4);
            }
            handler.advanceTime(seed >> 64);
        }
        vm.assertLe(20, handler.successfulClaims(), "claims");
        vm.assertLe(1, handler.disputes(), "disputes");
        invariant_claimsNeverExceedActiveTotal();
        invariant_fullyFunded();
        invariant_noAccountBeyondActiveEntitlement();
    }

    /// @dev forge fuzzes only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The sum of claims never exceeds the active root's total, per token.
    function invariant_claimsNeverExceedActiveTotal() public view {
        for (uint256 t = 0; t < 2; ++t) {
            (,,, uint256 totalCumulative, uint256 totalClaimed, uint256 totalFunded,) =
                distributor.getDistribution(address(tokens[t]));
            vm.assertEq(totalFunded, handler.ghostFunded(t), "funded");
            vm.assertEq(totalClaimed, handler.ghostClaimed(t), "claimed");
            vm.assertLe(totalClaimed, totalCumulative, "claims exceed the active total");
            vm.assertLe(totalCumulative, totalFunded, "active root not funded");
            uint256 paidOut;
            for (uint256 i = 0; i < handler.accountCount(); ++i) {
                paidOut += tokens[t].balanceOf(handler.accounts(i));
            }
            vm.assertEq(paidOut, totalClaimed, "balances of accounts");
        }
    }

    /// @notice The distributor holds exactly what was paid in and not yet claimed.
    function invariant_fullyFunded() public view {
        for (uint256 t = 0; t < 2; ++t) {
            (,,,, uint256 totalClaimed, uint256 totalFunded,) = distributor.getDistribution(address(tokens[t]));
            vm.assertEq(tokens[t].balanceOf(address(distributor)), totalFunded - totalClaimed, "balance");
        }
    }

    /// @notice No account's claimed total exceeds its entitlement in the active root, and a pending
    /// root's proof never paid more than the active entitlement.
    function invariant_noAccountBeyondActiveEntitlement() public view {
        vm.assertEq(handler.pendingProofsAccepted(), 0, "a pending root paid");
        for (uint256 t = 0; t < 2; ++t) {
            for (uint256 i = 0; i < handler.accountCount(); ++i) {
                address account = handler.accounts(i);
                uint256 claimed = distributor.claimed(address(tokens[t]), account);
                vm.assertEq(tokens[t].balanceOf(account), claimed, "paid = claimed");
                vm.assertLe(claimed, handler.activeEntitlement(t, i), "paid beyond the active entitlement");
            }
        }
    }
}
