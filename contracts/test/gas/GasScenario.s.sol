// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "../utils/ContractTest.sol";
import {MerkleBuilder} from "../utils/MerkleBuilder.sol";
import {SoulboundBadge} from "../../src/SoulboundBadge.sol";
import {AssetAnchorRegistry} from "../../src/AssetAnchorRegistry.sol";
import {GovernanceFinalizer} from "../../src/GovernanceFinalizer.sol";
import {MerkleDistributor} from "../../src/MerkleDistributor.sol";
import {StakingPool} from "../../src/StakingPool.sol";
import {InsurancePool} from "../../src/InsurancePool.sol";
import {TestToken} from "../../src/test/TestToken.sol";

/// @title GasScenario
/// @notice Deploys the contracts to a chain and makes every main call once, in a typical state, so
/// the receipts give comparable gas figures (docs/contracts.md). Run by gas/gas-report.sh against a
/// fresh anvil; each transaction is signed with one of anvil's default accounts.
contract GasScenario is ContractTest {
    string internal constant MNEMONIC = "test test test test test test test test test test test junk";
    /// @dev Timestamp of the scenario's first block (0x7a7a7b10).
    uint64 internal constant START = 2_054_847_248;

    uint256 internal adminKey;
    uint256 internal aliceKey;
    uint256 internal bobKey;
    address internal admin;
    address internal alice;
    address internal bob;

    function run() external {
        adminKey = vm.deriveKey(MNEMONIC, 0);
        aliceKey = vm.deriveKey(MNEMONIC, 1);
        bobKey = vm.deriveKey(MNEMONIC, 2);
        admin = vm.addr(adminKey);
        alice = vm.addr(aliceKey);
        bob = vm.addr(bobKey);

        // Every block one second after the last, from a fixed start whose low bytes are non-zero, so
        // the incident time below is known in advance and costs the same calldata gas on every run.
        vm.rpc("anvil_setBlockTimestampInterval", "[1]");
        vm.rpc("evm_setNextBlockTimestamp", "[2054847248]"); // 0x7a7a7b10
        vm.warp(START);
        vm.startBroadcast(adminKey);
        TestToken token = new TestToken("MLGov Test USD", "tUSD", 6, admin);
        token.mint(admin, 1_000_000e6);
        token.mint(alice, 1_000_000e6);
        vm.stopBroadcast();

        _badge();
        _registry();
        _finalizer(token);
        _distributor(token);
        _pools(token);
    }

    function _badge() internal {
        vm.startBroadcast(adminKey);
        SoulboundBadge badge = new SoulboundBadge("MLGov Badge", "MLGB", admin, 0);
        badge.grantRole(badge.ISSUER_ROLE(), admin);
        badge.grantRole(badge.REVOKER_ROLE(), admin);
        badge.mint(alice, keccak256("DataContributor"), keccak256("urn:uuid:vc-1"));
        uint256 second = badge.mint(bob, keccak256("DataContributor"), keccak256("urn:uuid:vc-2"));
        badge.revoke(second, "credential revoked in status list");
        vm.stopBroadcast();
    }

    function _registry() internal {
        vm.startBroadcast(adminKey);
        AssetAnchorRegistry registry = new AssetAnchorRegistry(admin, 0);
        registry.grantRole(registry.REGISTRAR_ROLE(), admin);
        uint256 deadline = START + 1 days;
        bytes32 salt1 = keccak256("asset:dataset-1");
        bytes32 anchorStruct = keccak256(
            abi.encode(
                registry.ANCHOR_TYPEHASH(), alice, salt1, keccak256("c1"), keccak256("m1"), keccak256(""), 0, deadline
            )
        );
        // registrar-managed: anchored by the registrar with alice's EIP-712 signature
        bytes32 d1 = registry.anchorFor(
            alice, salt1, keccak256("c1"), new bytes32[](0), keccak256("m1"), deadline, _sign(aliceKey, registry, anchorStruct)
        );
        vm.stopBroadcast();

        vm.startBroadcast(aliceKey);
        bytes32 d2 = registry.anchor(keccak256("asset:dataset-2"), keccak256("c2"), new bytes32[](0), keccak256("m2"));
        bytes32[] memory parents = new bytes32[](2);
        parents[0] = d1;
        parents[1] = d2;
        bytes32 model = registry.anchor(keccak256("asset:model-1"), keccak256("c3"), parents, keccak256("m3"));
        registry.update(model, keccak256("c3-v2"), keccak256("m3-v2"));
        registry.offerTransfer(model, bob);
        registry.cancelOffer(model);
        registry.offerTransfer(model, bob);
        vm.stopBroadcast();

        vm.startBroadcast(bobKey);
        registry.acceptTransfer(model);
        vm.stopBroadcast();
        _registrarCalls(registry, d1, deadline);
    }

    /// @dev The registrar's calls for a registrar-managed asset, each with its owner's signature.
    function _registrarCalls(AssetAnchorRegistry registry, bytes32 d1, uint256 deadline) internal {
        vm.startBroadcast(adminKey);
        bytes32 updateStruct =
            keccak256(abi.encode(registry.UPDATE_TYPEHASH(), d1, keccak256("c1-v2"), keccak256("m1-v2"), 1, deadline));
        registry.updateFor(d1, keccak256("c1-v2"), keccak256("m1-v2"), deadline, _sign(aliceKey, registry, updateStruct));
        bytes32 offerStruct = keccak256(abi.encode(registry.OFFER_TRANSFER_TYPEHASH(), d1, bob, 2, deadline));
        registry.offerTransferFor(d1, bob, deadline, _sign(aliceKey, registry, offerStruct));
        bytes32 acceptStruct = keccak256(abi.encode(registry.ACCEPT_TRANSFER_TYPEHASH(), d1, 0, deadline));
        registry.acceptTransferFor(d1, deadline, _sign(bobKey, registry, acceptStruct));
        vm.stopBroadcast();
    }

    function _sign(uint256 key, AssetAnchorRegistry registry, bytes32 structHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", registry.DOMAIN_SEPARATOR(), structHash)));
        return abi.encodePacked(r, s, v);
    }

    function _finalizer(TestToken token) internal {
        vm.startBroadcast(adminKey);
        // one finalizer with a real window (post, dispute, rejected by governance, re-post); no bonds ...
        GovernanceFinalizer windowed = new GovernanceFinalizer(admin, address(token), 3 days, 7 days, 0, 0, 0);
        windowed.grantRole(windowed.FINALIZER_ROLE(), admin);
        bytes32 proposal = keccak256("proposal:1");
        windowed.postResult(proposal, keccak256("result"), keccak256("votes"), address(0), "");
        windowed.dispute(proposal, "tally excludes valid votes");
        windowed.resolveDispute(proposal, false, "the tally was wrong");
        windowed.postResult(proposal, keccak256("result-2"), keccak256("votes-2"), address(0), "");
        // ... and one with a zero window, so finalize can run without waiting on a live chain
        GovernanceFinalizer instant = new GovernanceFinalizer(admin, address(token), 0, 7 days, 0, 0, 0);
        instant.grantRole(instant.FINALIZER_ROLE(), admin);
        SoulboundBadge target = new SoulboundBadge("Target", "T", address(instant), 0);
        bytes memory call = abi.encodeCall(target.grantRole, (keccak256("ISSUER_ROLE"), admin));
        instant.postResult(keccak256("proposal:2"), keccak256("result"), keccak256("votes"), address(0), "");
        instant.postResult(keccak256("proposal:3"), keccak256("result"), keccak256("votes"), address(target), call);
        instant.finalize(keccak256("proposal:2"));
        instant.finalize(keccak256("proposal:3"));
        vm.stopBroadcast();
    }

    function _distributor(TestToken token) internal {
        vm.startBroadcast(adminKey);
        MerkleDistributor distributor = new MerkleDistributor(admin, 0, 365 days, 0);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), admin);
        token.approve(address(distributor), type(uint256).max);
        // 64 accounts: proofs of depth 6
        bytes32[] memory leaves = new bytes32[](64);
        address[] memory accounts = new address[](64);
        for (uint256 i = 0; i < 64; ++i) {
            accounts[i] = i == 0 ? alice : (i == 1 ? bob : address(uint160(0x1000 + i)));
            leaves[i] = distributor.leafHash(accounts[i], address(token), 100e6);
        }
        bytes32[] memory tree1 = MerkleBuilder.build(leaves);
        distributor.postRoot(address(token), MerkleBuilder.root(tree1), 6_400e6);
        distributor.claim(alice, address(token), 100e6, MerkleBuilder.proof(tree1, leaves[0]));
        for (uint256 i = 0; i < 64; ++i) {
            leaves[i] = distributor.leafHash(accounts[i], address(token), 250e6);
        }
        bytes32[] memory tree2 = MerkleBuilder.build(leaves);
        distributor.postRoot(address(token), MerkleBuilder.root(tree2), 16_000e6);
        distributor.claim(alice, address(token), 250e6, MerkleBuilder.proof(tree2, leaves[0]));
        distributor.claim(bob, address(token), 250e6, MerkleBuilder.proof(tree2, leaves[1]));
        vm.stopBroadcast();
    }

    function _pools(TestToken token) internal {
        vm.startBroadcast(adminKey);
        InsurancePool insurance = new InsurancePool(address(token), 0, admin, 0);
        StakingPool staking = new StakingPool(address(token), 0, 0, admin, 0);
        insurance.grantRole(insurance.SLASH_DEPOSITOR_ROLE(), address(staking));
        insurance.grantRole(insurance.UNDERWRITER_ROLE(), admin);
        insurance.grantRole(insurance.PAYER_ROLE(), admin);
        staking.grantRole(staking.SLASHER_ROLE(), admin);
        staking.setInsurancePool(address(insurance));
        token.approve(address(insurance), type(uint256).max);
        insurance.fund(10_000e6);
        bytes32 policy = keccak256("policy:1");
        bytes32 service = keccak256("service:sentiment-api");
        insurance.createPolicy(policy, alice, service, 5_000e6, 50e6, uint64(block.timestamp + 365 days));
        vm.stopBroadcast();

        vm.startBroadcast(aliceKey);
        token.approve(address(insurance), type(uint256).max);
        insurance.payPremium(policy, 50e6);
        token.approve(address(staking), type(uint256).max);
        staking.stake(service, 1_000e6);
        staking.stake(service, 500e6);
        staking.requestUnbond(service, 200e6);
        staking.withdraw(service);
        staking.requestUnbond(service, 300e6);
        vm.stopBroadcast();

        // The incident happens in the block of the next transaction: one second per transaction sent so far.
        uint64 incidentTime = START + vm.getNonce(admin) + vm.getNonce(alice) + vm.getNonce(bob);
        vm.warp(incidentTime);
        vm.startBroadcast(adminKey);
        staking.proposeSlash(alice, service, 400e6, keccak256("incident:1"), incidentTime, "p99 latency SLO breached");
        staking.executeSlash(alice, service, keccak256("incident:1"));
        staking.proposeSlash(alice, service, 800e6, keccak256("incident:2"), incidentTime, "availability SLO breached");
        staking.executeSlash(alice, service, keccak256("incident:2"));
        insurance.payClaim(policy, keccak256("incident:1"), incidentTime, 1_000e6);
        insurance.payClaim(policy, keccak256("incident:2"), incidentTime, 500e6);
        vm.stopBroadcast();
    }
}
