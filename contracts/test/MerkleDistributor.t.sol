// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {FeeOnTransferToken} from "./utils/FeeOnTransferToken.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

contract MerkleDistributorTest is ContractTest {
    MerkleDistributor internal distributor;
    TestToken internal token;
    TestToken internal otherToken;
    address internal admin;
    address internal poster;
    address internal alice;
    address internal bob;
    address internal carol;

    uint64 internal constant WINDOW = 1 days;
    uint64 internal constant PERIOD = 365 days;
    uint256 internal constant T0 = 1_760_000_000;

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        poster = makeAddr("poster");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        distributor = new MerkleDistributor(admin, WINDOW, PERIOD, 0);
        token = new TestToken("Revenue USD", "rUSD", 6, address(this));
        otherToken = new TestToken("Other", "OTH", 18, address(this));
        bytes32 role = distributor.DISTRIBUTOR_ROLE();
        vm.prank(admin);
        distributor.grantRole(role, poster);
        token.mint(poster, 1_000_000e6);
        otherToken.mint(poster, 1_000_000e18);
        vm.startPrank(poster);
        token.approve(address(distributor), type(uint256).max);
        otherToken.approve(address(distributor), type(uint256).max);
        vm.stopPrank();
    }

    struct Tree {
        address[] accounts;
        uint256[] amounts;
        bytes32[] leaves;
        bytes32[] nodes;
    }

    function _tree(address tokenAddress, uint256 a, uint256 b, uint256 c) internal view returns (Tree memory t) {
        t.accounts = new address[](3);
        t.accounts[0] = alice;
        t.accounts[1] = bob;
        t.accounts[2] = carol;
        t.amounts = new uint256[](3);
        t.amounts[0] = a;
        t.amounts[1] = b;
        t.amounts[2] = c;
        t.leaves = new bytes32[](3);
        for (uint256 i = 0; i < 3; ++i) {
            t.leaves[i] = distributor.leafHash(t.accounts[i], tokenAddress, t.amounts[i]);
        }
        t.nodes = MerkleBuilder.build(t.leaves);
    }

    function _proof(Tree memory t, uint256 i) internal pure returns (bytes32[] memory) {
        return MerkleBuilder.proof(t.nodes, t.leaves[i]);
    }

    /// @dev Posts a root and lets its challenge window pass (claims then activate it).
    function _post(address tokenAddress, Tree memory t, uint256 total) internal returns (uint64 epoch) {
        vm.prank(poster);
        epoch = distributor.postRoot(tokenAddress, MerkleBuilder.root(t.nodes), total);
        vm.warp(block.timestamp + WINDOW);
    }

    // ---------------------------------------------------------------- leaf encoding

    function test_leafHash_matchesStandardMerkleTreeVector() public view {
        // Computed off chain (js-sha3) as StandardMerkleTree(["address","address","uint256"]) does.
        address tokenAddress = address(0xaa);
        address a1 = 0x1111111111111111111111111111111111111111;
        address a2 = 0x2222222222222222222222222222222222222222;
        address a3 = 0x3333333333333333333333333333333333333333;
        bytes32 l1 = distributor.leafHash(a1, tokenAddress, 100);
        bytes32 l2 = distributor.leafHash(a2, tokenAddress, 250);
        bytes32 l3 = distributor.leafHash(a3, tokenAddress, 650);
        vm.assertEq(l1, 0x1e5679962433ebf6ad8d57d52d89a29d334e62ba9a9c0fdef8f0f874089484d3);
        vm.assertEq(l2, 0x6126613b380841f60a8bf49b9b04248a03b8dabd010f3eabc6bfa9cda718b3fb);
        vm.assertEq(l3, 0xa09add4a501c7a34609675a24d7d9a4acebaa28b5c307ff4f1a90412036f6541);
        bytes32 root = 0x9faa06e4f5bb91ab78b9a3aae4c2144600c00deb7ad28d8be37b92c994c077d0;
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = 0x9482839d87d29a469fe8a25ee98fc19d216042c8f121154dfcc894b490788c53;
        vm.assertTrue(MerkleProof.verify(proof, root, l3));
        bytes32[] memory leaves = new bytes32[](3);
        leaves[0] = l1;
        leaves[1] = l2;
        leaves[2] = l3;
        vm.assertEq(MerkleBuilder.root(MerkleBuilder.build(leaves)), root);
    }

    // ---------------------------------------------------------------- postRoot

    function test_postRoot_pullsFundingAndEmits() public {
        Tree memory t = _tree(address(token), 100e6, 250e6, 650e6);
        bytes32 root = MerkleBuilder.root(t.nodes);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(poster, address(distributor), 1_000e6);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.RootPosted(address(token), 1, root, 1_000e6, 1_000e6, uint64(T0) + WINDOW);
        vm.prank(poster);
        uint64 epoch = distributor.postRoot(address(token), root, 1_000e6);
        vm.assertEq(epoch, 1);
        vm.assertEq(token.balanceOf(address(distributor)), 1_000e6); // funded before it can activate
        (bytes32 pendingRoot, uint256 pendingTotal, uint64 activatesAt) = distributor.getPendingRoot(address(token));
        vm.assertEq(pendingRoot, root);
        vm.assertEq(pendingTotal, 1_000e6);
        vm.assertEq(activatesAt, T0 + WINDOW);
        (bytes32 r,,,,, uint256 funded,) = distributor.getDistribution(address(token));
        vm.assertEq(r, bytes32(0)); // not active yet
        vm.assertEq(funded, 1_000e6);

        vm.warp(T0 + WINDOW);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.RootActivated(address(token), 1, root, 1_000e6);
        vm.assertTrue(distributor.activateRoot(address(token)));
        vm.assertFalse(distributor.activateRoot(address(token)));
        (bytes32 r2, uint64 e, uint64 activatedAt, uint256 total, uint256 totalClaimed,, bool closed) =
            distributor.getDistribution(address(token));
        vm.assertEq(r2, root);
        vm.assertEq(e, 1);
        vm.assertEq(activatedAt, T0 + WINDOW);
        vm.assertEq(total, 1_000e6);
        vm.assertEq(totalClaimed, 0);
        vm.assertFalse(closed);
        (pendingRoot,,) = distributor.getPendingRoot(address(token));
        vm.assertEq(pendingRoot, bytes32(0));
    }

    function test_postRoot_nextEpochPullsOnlyIncrease() public {
        _post(address(token), _tree(address(token), 100e6, 250e6, 650e6), 1_000e6);
        Tree memory t2 = _tree(address(token), 150e6, 250e6, 900e6);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.RootPosted(address(token), 2, MerkleBuilder.root(t2.nodes), 1_300e6, 300e6, uint64(T0) + 2 * WINDOW);
        uint64 epoch = _post(address(token), t2, 1_300e6);
        vm.assertEq(epoch, 2);
        vm.assertEq(token.balanceOf(address(distributor)), 1_300e6);
    }

    function test_postRoot_sameTotalPullsNothing() public {
        _post(address(token), _tree(address(token), 100e6, 250e6, 650e6), 1_000e6);
        Tree memory t2 = _tree(address(token), 200e6, 150e6, 650e6); // a correction with the same total
        vm.recordLogs();
        _post(address(token), t2, 1_000e6);
        vm.assertEq(vm.getRecordedLogs().length, 2); // RootActivated of the first root and RootPosted, no Transfer
        vm.assertEq(token.balanceOf(address(distributor)), 1_000e6);
    }

    function test_postRoot_tokensAreIndependent() public {
        _post(address(token), _tree(address(token), 1, 2, 3), 6);
        uint64 epoch = _post(address(otherToken), _tree(address(otherToken), 4, 5, 6), 15);
        vm.assertEq(epoch, 1);
        distributor.activateRoot(address(token));
        (,,, uint256 total,,,) = distributor.getDistribution(address(token));
        vm.assertEq(total, 6);
    }

    function test_postRoot_revertsWithoutRole() public {
        expectUnauthorized(alice, distributor.DISTRIBUTOR_ROLE());
        vm.prank(alice);
        distributor.postRoot(address(token), keccak256("root"), 0);
    }

    function test_postRoot_revertsOnZeroTokenOrRoot() public {
        vm.startPrank(poster);
        vm.expectRevert(MerkleDistributor.ZeroToken.selector);
        distributor.postRoot(address(0), keccak256("root"), 0);
        vm.expectRevert(MerkleDistributor.ZeroRoot.selector);
        distributor.postRoot(address(token), bytes32(0), 0);
        vm.stopPrank();
    }

    function test_postRoot_revertsWhenTotalDecreases() public {
        _post(address(token), _tree(address(token), 100e6, 250e6, 650e6), 1_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.TotalCumulativeDecreased.selector, address(token), 1_000e6, 999e6)
        );
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("root"), 999e6);
        vm.assertEq(token.balanceOf(address(distributor)), 1_000e6);
    }

    function test_postRoot_revertsWithoutAllowance() public {
        vm.prank(poster);
        token.approve(address(distributor), 5);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(distributor), 5, 6)
        );
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("root"), 6);
    }

    function test_postRoot_revertsOnFeeOnTransferToken() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        fee.mint(poster, 1_000);
        vm.prank(poster);
        fee.approve(address(distributor), 1_000);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.FundingMismatch.selector, address(fee), 1_000, 990));
        vm.prank(poster);
        distributor.postRoot(address(fee), keccak256("root"), 1_000);
    }

    // ---------------------------------------------------------------- claim

    function test_claim_paysAndEmits() public {
        Tree memory t = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t, 1_000e6);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(distributor), bob, 250e6);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.Claimed(bob, address(token), 1, 250e6, 250e6);
        vm.prank(alice); // anyone may submit; the tokens go to the account
        uint256 paid = distributor.claim(bob, address(token), 250e6, _proof(t, 1));
        vm.assertEq(paid, 250e6);
        vm.assertEq(token.balanceOf(bob), 250e6);
        vm.assertEq(token.balanceOf(alice), 0);
        vm.assertEq(distributor.claimed(address(token), bob), 250e6);
        (,,,, uint256 totalClaimed,,) = distributor.getDistribution(address(token));
        vm.assertEq(totalClaimed, 250e6);
    }

    function test_claim_secondClaimSameEpochReverts() public {
        Tree memory t = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t, 1_000e6);
        distributor.claim(alice, address(token), 100e6, _proof(t, 0));
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.NothingToClaim.selector, alice, address(token), 100e6, 100e6)
        );
        distributor.claim(alice, address(token), 100e6, _proof(t, 0));
    }

    function test_claim_laterEpochPaysOnlyDifference() public {
        Tree memory t1 = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t1, 1_000e6);
        distributor.claim(alice, address(token), 100e6, _proof(t1, 0));

        Tree memory t2 = _tree(address(token), 180e6, 250e6, 700e6);
        _post(address(token), t2, 1_130e6);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.Claimed(alice, address(token), 2, 80e6, 180e6);
        uint256 paid = distributor.claim(alice, address(token), 180e6, _proof(t2, 0));
        vm.assertEq(paid, 80e6);
        vm.assertEq(token.balanceOf(alice), 180e6);

        // carol never claimed epoch 1: epoch 2 pays her whole cumulative amount once
        vm.assertEq(distributor.claim(carol, address(token), 700e6, _proof(t2, 2)), 700e6);
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.NothingToClaim.selector, carol, address(token), 700e6, 700e6)
        );
        distributor.claim(carol, address(token), 700e6, _proof(t2, 2));
    }

    function test_claim_oldEpochProofFails() public {
        Tree memory t1 = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t1, 1_000e6);
        _post(address(token), _tree(address(token), 180e6, 250e6, 700e6), 1_130e6);
        bytes32[] memory oldProof = _proof(t1, 0);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, alice, address(token), 100e6));
        distributor.claim(alice, address(token), 100e6, oldProof);
    }

    function test_claim_revertsOnTamperedProofOrAmount() public {
        Tree memory t = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t, 1_000e6);
        bytes32[] memory proof = _proof(t, 0);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, alice, address(token), 101e6));
        distributor.claim(alice, address(token), 101e6, proof);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, bob, address(token), 100e6));
        distributor.claim(bob, address(token), 100e6, proof);
        proof[0] = bytes32(uint256(proof[0]) ^ 1);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, alice, address(token), 100e6));
        distributor.claim(alice, address(token), 100e6, proof);
    }

    function test_claim_leafForOtherTokenFails() public {
        Tree memory t = _tree(address(otherToken), 100e6, 250e6, 650e6);
        vm.prank(poster);
        distributor.postRoot(address(token), MerkleBuilder.root(t.nodes), 1_000e6);
        vm.warp(block.timestamp + WINDOW);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, alice, address(token), 100e6));
        distributor.claim(alice, address(token), 100e6, _proof(t, 0));
    }

    function test_claim_revertsWithoutDistribution() public {
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.NoDistribution.selector, address(token)));
        distributor.claim(alice, address(token), 1, new bytes32[](0));
    }

    function test_claim_capsAtPostedTotalEvenForABadTree() public {
        // the tree promises 1_000 but only 600 is declared (and funded)
        Tree memory t = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t, 600e6);
        distributor.claim(alice, address(token), 100e6, _proof(t, 0));
        distributor.claim(bob, address(token), 250e6, _proof(t, 1));
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.ClaimExceedsPosted.selector, address(token), 650e6, 250e6)
        );
        distributor.claim(carol, address(token), 650e6, _proof(t, 2));
        vm.assertEq(token.balanceOf(address(distributor)), 250e6);
    }

    // ---------------------------------------------------------------- pending roots and disputes

    function test_pendingRoot_claimsUseActiveRootUntilItActivates() public {
        Tree memory t1 = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t1, 1_000e6);
        Tree memory t2 = _tree(address(token), 180e6, 250e6, 700e6);
        vm.prank(poster);
        distributor.postRoot(address(token), MerkleBuilder.root(t2.nodes), 1_130e6);
        // inside the window: the new proof fails, the old one pays
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, alice, address(token), 180e6));
        distributor.claim(alice, address(token), 180e6, _proof(t2, 0));
        vm.assertEq(distributor.claim(alice, address(token), 100e6, _proof(t1, 0)), 100e6);
        vm.warp(block.timestamp + WINDOW);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.RootActivated(address(token), 2, MerkleBuilder.root(t2.nodes), 1_130e6);
        vm.assertEq(distributor.claim(alice, address(token), 180e6, _proof(t2, 0)), 80e6);
    }

    function test_postRoot_revertsWhileARootIsPending() public {
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("root-1"), 10);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.RootPending.selector, address(token), uint64(T0) + WINDOW));
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("root-2"), 20);
    }

    function test_disputeRoot_discardsPendingRootAndKeepsItsFunding() public {
        address challenger = makeAddr("challenger");
        bytes32 role = distributor.CHALLENGER_ROLE();
        vm.prank(admin);
        distributor.grantRole(role, challenger);
        Tree memory t1 = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t1, 1_000e6);
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("wrong"), 1_200e6);
        expectUnauthorized(poster, role);
        vm.prank(poster);
        distributor.disputeRoot(address(token), "mine");
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.RootDisputed(address(token), 2, keccak256("wrong"), challenger, "leaves do not match epoch 2");
        vm.prank(challenger);
        distributor.disputeRoot(address(token), "leaves do not match epoch 2");
        (bytes32 pending,,) = distributor.getPendingRoot(address(token));
        vm.assertEq(pending, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.NoPendingRoot.selector, address(token)));
        vm.prank(challenger);
        distributor.disputeRoot(address(token), "again");
        // the corrected root needs no new funding up to what was paid in
        Tree memory t2 = _tree(address(token), 150e6, 300e6, 700e6);
        vm.prank(poster);
        vm.recordLogs();
        distributor.postRoot(address(token), MerkleBuilder.root(t2.nodes), 1_150e6);
        vm.assertEq(vm.getRecordedLogs().length, 1); // no Transfer
        vm.warp(block.timestamp + WINDOW);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.NoPendingRoot.selector, address(token)));
        vm.prank(challenger);
        distributor.disputeRoot(address(token), "too late");
        (,,,,, uint256 funded,) = distributor.getDistribution(address(token));
        vm.assertEq(funded, 1_200e6);
    }

    /// @dev Attack: the distributor posts a root at the same total that pays only itself. It is
    /// pending: the others claim with their proofs meanwhile, a challenger discards it, and the
    /// poster's proof never works.
    function test_attack_sameTotalRootPayingOnlyThePoster_isDisputed() public {
        address challenger = makeAddr("challenger");
        bytes32 role = distributor.CHALLENGER_ROLE();
        vm.prank(admin);
        distributor.grantRole(role, challenger);
        Tree memory honest = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), honest, 1_000e6);
        bytes32[] memory evilLeaves = new bytes32[](2);
        evilLeaves[0] = distributor.leafHash(poster, address(token), 1_000e6);
        evilLeaves[1] = distributor.leafHash(address(1), address(token), 0);
        bytes32[] memory evilTree = MerkleBuilder.build(evilLeaves);
        vm.prank(poster);
        distributor.postRoot(address(token), MerkleBuilder.root(evilTree), 1_000e6);
        distributor.claim(carol, address(token), 650e6, _proof(honest, 2)); // still valid
        vm.prank(challenger);
        distributor.disputeRoot(address(token), "pays only the poster");
        vm.warp(block.timestamp + WINDOW);
        bytes32[] memory evilProof = MerkleBuilder.proof(evilTree, evilLeaves[0]);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.InvalidProof.selector, poster, address(token), 1_000e6));
        distributor.claim(poster, address(token), 1_000e6, evilProof);
        distributor.claim(alice, address(token), 100e6, _proof(honest, 0));
        distributor.claim(bob, address(token), 250e6, _proof(honest, 1));
        vm.assertEq(token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(carol), 1_000e6);
    }

    /// @dev Attack: a correction lowers an account below what it already claimed, leaving the last
    /// claimant short. The total cannot go down, and the correction is pending and disputed.
    function test_attack_correctionBelowClaimed_isDisputedBeforeAnyoneIsShort() public {
        address challenger = makeAddr("challenger");
        bytes32 role = distributor.CHALLENGER_ROLE();
        vm.prank(admin);
        distributor.grantRole(role, challenger);
        Tree memory t1 = _tree(address(token), 600e6, 400e6, 0);
        _post(address(token), t1, 1_000e6);
        distributor.claim(alice, address(token), 600e6, _proof(t1, 0));
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.TotalCumulativeDecreased.selector, address(token), 1_000e6, 700e6)
        );
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("lower"), 700e6);
        Tree memory bad = _tree(address(token), 300e6, 700e6, 0); // alice below her 600 claimed
        vm.prank(poster);
        distributor.postRoot(address(token), MerkleBuilder.root(bad.nodes), 1_000e6);
        vm.prank(challenger);
        distributor.disputeRoot(address(token), "alice below her claimed amount");
        vm.warp(block.timestamp + WINDOW);
        vm.assertEq(distributor.claim(bob, address(token), 400e6, _proof(t1, 1)), 400e6); // bob is paid in full
    }

    // ---------------------------------------------------------------- sweep

    function test_sweep_onlyAdminAfterClaimPeriodAndCloses() public {
        address treasury = makeAddr("treasury");
        Tree memory t = _tree(address(token), 100e6, 250e6, 650e6);
        _post(address(token), t, 1_000e6);
        distributor.claim(alice, address(token), 100e6, _proof(t, 0));
        uint64 sweepableAt = uint64(T0) + WINDOW + PERIOD;
        expectUnauthorized(poster, distributor.DEFAULT_ADMIN_ROLE());
        vm.prank(poster);
        distributor.sweep(address(token), treasury);
        vm.warp(uint256(sweepableAt) - 1);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.SweepTooEarly.selector, address(token), sweepableAt));
        vm.prank(admin);
        distributor.sweep(address(token), treasury);
        vm.expectRevert(MerkleDistributor.ZeroRecipient.selector);
        vm.prank(admin);
        distributor.sweep(address(token), address(0));
        vm.warp(sweepableAt);
        vm.expectEmit(address(distributor));
        emit MerkleDistributor.Swept(address(token), treasury, 900e6);
        vm.prank(admin);
        vm.assertEq(distributor.sweep(address(token), treasury), 900e6);
        vm.assertEq(token.balanceOf(treasury), 900e6);
        vm.assertEq(token.balanceOf(address(distributor)), 0);
        (,,,,,, bool closed) = distributor.getDistribution(address(token));
        vm.assertTrue(closed);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.DistributionClosed.selector, address(token)));
        distributor.claim(bob, address(token), 250e6, _proof(t, 1));
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.DistributionClosed.selector, address(token)));
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("root"), 1_000e6);
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.DistributionClosed.selector, address(token)));
        vm.prank(admin);
        distributor.sweep(address(token), treasury);
    }

    function test_sweep_refusedWithoutRootOrWithAPendingOne() public {
        address treasury = makeAddr("treasury");
        vm.expectRevert(abi.encodeWithSelector(MerkleDistributor.NoDistribution.selector, address(token)));
        vm.prank(admin);
        distributor.sweep(address(token), treasury);
        _post(address(token), _tree(address(token), 1, 2, 3), 6);
        vm.warp(block.timestamp + PERIOD);
        vm.prank(poster);
        distributor.postRoot(address(token), keccak256("next"), 6);
        vm.expectRevert(
            abi.encodeWithSelector(MerkleDistributor.RootPending.selector, address(token), uint64(block.timestamp) + WINDOW)
        );
        vm.prank(admin);
        distributor.sweep(address(token), treasury);
    }

    function testFuzz_claimPaysExactlyDifference(uint128 first, uint128 increase) public {
        uint256 a1 = bound(first, 1, 1e30);
        uint256 a2 = a1 + bound(increase, 0, 1e30);
        token.mint(poster, a2);
        Tree memory t1 = _tree(address(token), a1, 1, 1);
        _post(address(token), t1, a1 + 2);
        vm.assertEq(distributor.claim(alice, address(token), a1, _proof(t1, 0)), a1);
        Tree memory t2 = _tree(address(token), a2, 1, 1);
        _post(address(token), t2, a2 + 2);
        if (a2 == a1) {
            vm.expectRevert(
                abi.encodeWithSelector(MerkleDistributor.NothingToClaim.selector, alice, address(token), a2, a1)
            );
            distributor.claim(alice, address(token), a2, _proof(t2, 0));
        } else {
            vm.assertEq(distributor.claim(alice, address(token), a2, _proof(t2, 0)), a2 - a1);
        }
        vm.assertEq(token.balanceOf(alice), a2);
    }
}
