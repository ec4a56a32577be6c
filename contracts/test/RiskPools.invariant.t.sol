// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {StakingPool} from "../src/StakingPool.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {TestToken} from "../src/test/TestToken.sol";

/// @dev Random sequences of staking, unbonding, withdrawing, slashing (often beyond the stake or for
/// a repeated incident), policy creation, premiums, funding and claim payouts (often beyond coverage
/// or balance) against a wired StakingPool + InsurancePool.
contract RiskPoolsHandler is ContractTest {
    uint256 internal constant PROVIDERS = 3;
    uint256 internal constant SERVICES = 2;
    uint256 internal constant INCIDENTS = 4;
    uint256 internal constant POLICIES = 16;

    StakingPool public immutable staking;
    InsurancePool public immutable insurance;
    TestToken public immutable token;
    address[PROVIDERS] internal _providers;
    address internal immutable _holder;

    uint256 public ghostStaked;
    uint256 public ghostSlashed;
    uint256 public ghostWithdrawn;
    uint256 public ghostPaidOut;
    uint256 public ghostIn;
    uint256 public policiesCreated;
    uint256 public slashesApplied;
    uint256 public claimsPaid;
    mapping(bytes32 => uint256) public ghostPolicyPaid;
    uint256 public slashesCancelled;
    uint256 public ghostOut;
    uint256 public coverViolations;
    uint256 public policiesReleased;
    mapping(bytes32 => uint64) public ghostCoverStart;
    mapping(bytes32 => uint64) public ghostExpiry;
    uint256 public slashBoundViolations;

    struct Proposed {
        address provider;
        bytes32 service;
        bytes32 incident;
        uint256 amount;
        uint64 incidentTime;
    }

    struct Held {
        uint64 time;
        uint256 amount;
    }

    Proposed[] internal _proposed;
    mapping(address => mapping(bytes32 => Held[])) internal _held;

    constructor(StakingPool staking_, InsurancePool insurance_, TestToken token_) {
        staking = staking_;
        insurance = insurance_;
        token = token_;
        for (uint256 i = 0; i < PROVIDERS; ++i) {
            _providers[i] = address(uint160(0xB000 + i));
            vm.prank(_providers[i]);
            token_.approve(address(staking_), type(uint256).max);
        }
        _holder = address(0xC0FFEE);
        token_.approve(address(insurance_), type(uint256).max);
    }

    function _service(uint256 seed) internal pure returns (bytes32) {
        return keccak256(abi.encode("service", seed % SERVICES));
    }

    function stake(uint256 providerSeed, uint256 serviceSeed, uint256 amount) external {
        address provider = _providers[providerSeed % PROVIDERS];
        _stakeFor(provider, _service(serviceSeed), bound(amount, 1, 1_000e18));
    }

    function requestUnbond(uint256 providerSeed, uint256 serviceSeed, uint256 amount) external {
        address provider = _providers[providerSeed % PROVIDERS];
        (uint256 bonded,,,) = staking.positionOf(provider, _service(serviceSeed));
        if (bonded == 0) return;
        vm.prank(provider);
        staking.requestUnbond(_service(serviceSeed), bound(amount, 1, bonded));
    }

    function withdraw(uint256 providerSeed, uint256 serviceSeed) external {
        address provider = _providers[providerSeed % PROVIDERS];
        vm.prank(provider);
        try staking.withdraw(_service(serviceSeed)) returns (uint256 amount) {
            ghostWithdrawn += amount;
            _recordHeld(provider, _service(serviceSeed));
        } catch {}
    }

    function advanceTime(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 10 days));
    }

    /// @dev Proposes a slash for one of a few incident ids, at a random time up to 5 days back:
    /// three in four within the position (staking first if it is empty), the rest anything up to
    /// twice the position.
    function proposeSlash(uint256 providerSeed, uint256 serviceSeed, uint256 amount, uint256 incidentSeed) external {
        address provider = _providers[providerSeed % PROVIDERS];
        bytes32 service = _service(serviceSeed);
        (uint256 bonded, uint256 unbonding,,) = staking.positionOf(provider, service);
        uint256 stakeHeld = bonded + unbonding;
        if (_mostly(amount, incidentSeed)) {
            if (stakeHeld == 0) {
                _stakeFor(provider, service, 100e18);
                stakeHeld = 100e18;
            }
            amount = bound(amount, 1, stakeHeld);
        } else {
            amount = bound(amount, 1, 2 * stakeHeld + 1);
        }
        bytes32 incident = keccak256(abi.encode("incident", incidentSeed % INCIDENTS));
        uint64 incidentTime = uint64(block.timestamp - bound(incidentSeed >> 8, 0, 5 days));
        try staking.proposeSlash(provider, service, amount, incident, incidentTime, "invariant") {
            _proposed.push(Proposed(provider, service, incident, amount, incidentTime));
        } catch {}
    }

    /// @dev Executes one of the proposed slashes (mostly refused inside the veto window or when
    /// done); checks what it took against the stake this handler saw at the incident's time.
    function executeSlash(uint256 index) external {
        if (_proposed.length == 0) return;
        Proposed memory p = _proposed[index % _proposed.length];
        try staking.executeSlash(p.provider, p.service, p.incident) returns (uint256 taken) {
            ghostSlashed += taken;
            ghostIn += taken;
            ++slashesApplied;
            if (taken > p.amount || taken > _heldAt(p.provider, p.service, p.incidentTime)) ++slashBoundViolations;
            _recordHeld(p.provider, p.service);
        } catch {}
    }

    /// @dev Governance cancels one of the proposed slashes (refused unless pending).
    function cancelSlash(uint256 index) external {
        if (_proposed.length == 0) return;
        Proposed memory p = _proposed[index % _proposed.length];
        try staking.cancelSlash(p.provider, p.service, p.incident, "vetoed") {
            ++slashesCancelled;
        } catch {}
    }

    function _stakeFor(address provider, bytes32 service, uint256 amount) internal {
        token.mint(provider, amount);
        vm.prank(provider);
        staking.stake(service, amount);
        ghostStaked += amount;
        _recordHeld(provider, service);
    }

    /// @dev The handler's own history of each position's stake (bonded + unbonding) after every change.
    function _recordHeld(address provider, bytes32 service) internal {
        (uint256 bonded, uint256 unbonding,,) = staking.positionOf(provider, service);
        _held[provider][service].push(Held(uint64(block.timestamp), bonded + unbonding));
    }

    function _heldAt(address provider, bytes32 service, uint64 time) internal view returns (uint256 held) {
        Held[] storage history = _held[provider][service];
        for (uint256 i = 0; i < history.length && history[i].time <= time; ++i) {
            held = history[i].amount;
        }
    }

    /// @dev Creates the next policy, funding the pool first when its free capital cannot back the cover.
    function createPolicy(uint256 coverage, uint256 premium, uint256 duration) public {
        if (policiesCreated == POLICIES) return;
        bytes32 policyId = keccak256(abi.encode("policy", policiesCreated));
        coverage = bound(coverage, 1, 2_000e18);
        uint256 free = insurance.freeCapital();
        if (free < coverage) _fund(coverage - free);
        premium = bound(premium, 0, 50e18);
        uint64 expiry = uint64(block.timestamp + bound(duration, 1, 60 days));
        insurance.createPolicy(policyId, _holder, _service(policiesCreated), coverage, premium, expiry);
        if (premium == 0) ghostCoverStart[policyId] = uint64(block.timestamp);
        ghostExpiry[policyId] = expiry;
        ++policiesCreated;
    }

    /// @dev Pays part or all of the premium due; one in four tries to overpay (refused).
    function payPremium(uint256 policySeed, uint256 amount) external {
        if (policiesCreated == 0) return;
        bytes32 policyId = keccak256(abi.encode("policy", policySeed % policiesCreated));
        (,,, uint256 premium, uint256 premiumPaid,,,,,) = insurance.getPolicy(policyId);
        uint256 due = premium - premiumPaid;
        amount = _mostly(amount, policySeed) && due > 0 ? bound(amount, 1, due) : bound(amount, 1, 60e18);
        _payPremium(policyId, amount);
    }

    function _payPremium(bytes32 policyId, uint256 amount) internal {
        token.mint(address(this), amount);
        try insurance.payPremium(policyId, amount) {
            ghostIn += amount;
            (,,, uint256 premium, uint256 premiumPaid,,,,,) = insurance.getPolicy(policyId);
            if (premiumPaid == premium) ghostCoverStart[policyId] = uint64(block.timestamp);
        } catch {}
    }

    function fund(uint256 amount) external {
        _fund(bound(amount, 1, 500e18));
    }

    function _fund(uint256 amount) internal {
        token.mint(address(this), amount);
        insurance.fund(amount);
        ghostIn += amount;
    }

    /// @dev Pays a claim for one of a few incidents. Three in four should be payable: against the
    /// newest policy still in its claim period (created if needed), for an incident inside its
    /// cover, within its remaining coverage, after settling its premium. The rest claim up to more
    /// than the largest coverage against any policy for an incident in the last 10 days (often refused).
    function payClaim(uint256 policySeed, uint256 incidentSeed, uint256 amount) external {
        bytes32 incident = keccak256(abi.encode("incident", incidentSeed % INCIDENTS));
        bytes32 policyId;
        uint64 incidentTime;
        if (_mostly(amount, incidentSeed)) {
            policyId = _livePolicy(policySeed);
            if (policyId == bytes32(0)) return;
            uint256 remaining = insurance.remainingCoverage(policyId);
            if (remaining == 0) return;
            amount = bound(amount, 1, remaining);
            (,,, uint256 premium, uint256 premiumPaid,,,,,) = insurance.getPolicy(policyId);
            if (premium > premiumPaid) _payPremium(policyId, premium - premiumPaid);
            uint64 last = ghostExpiry[policyId] < block.timestamp ? ghostExpiry[policyId] : uint64(block.timestamp);
            incidentTime = uint64(bound(incidentSeed >> 8, ghostCoverStart[policyId], last));
        } else {
            if (policiesCreated == 0) return;
            policyId = keccak256(abi.encode("policy", policySeed % policiesCreated));
            amount = bound(amount, 1, 2_500e18);
            incidentTime = uint64(block.timestamp - bound(incidentSeed >> 8, 0, 10 days));
        }
        try insurance.payClaim(policyId, incident, incidentTime, amount) {
            ghostPaidOut += amount;
            ghostPolicyPaid[policyId] += amount;
            ++claimsPaid;
            uint64 coverStart = ghostCoverStart[policyId];
            if (coverStart == 0 || incidentTime < coverStart || incidentTime > ghostExpiry[policyId]) ++coverViolations;
        } catch {}
    }

    /// @dev Governance withdraws capital: mostly within the free capital, sometimes beyond (refused).
    function withdrawCapital(uint256 amount) external {
        uint256 free = insurance.freeCapital();
        amount = _mostly(amount, free) && free > 0 ? bound(amount, 1, free) : bound(amount, 1, free + 100e18);
        try insurance.withdrawCapital(address(0x7EA5), amount) {
            ghostOut += amount;
        } catch {}
    }

    /// @dev Releases a policy (refused while its claim period runs).
    function releasePolicy(uint256 policySeed) external {
        if (policiesCreated == 0) return;
        try insurance.releasePolicy(keccak256(abi.encode("policy", policySeed % policiesCreated))) {
            ++policiesReleased;
        } catch {}
    }

    /// @dev True for three in four inputs (spread by hashing, since fuzz inputs favour special values).
    function _mostly(uint256 a, uint256 b) internal pure returns (bool) {
        return uint256(keccak256(abi.encode(a, b))) % 4 != 0;
    }

    function _livePolicy(uint256 seed) internal returns (bytes32 policyId) {
        if (policiesCreated > 0) {
            policyId = keccak256(abi.encode("policy", policiesCreated - 1));
            (,,,,,, uint64 expiry,,,) = insurance.getPolicy(policyId);
            if (expiry >= block.timestamp) return policyId;
        }
        if (policiesCreated == POLICIES) return bytes32(0);
        createPolicy(seed, seed >> 128, seed >> 64);
        return keccak256(abi.encode("policy", policiesCreated - 1));
    }

    function providerCount() external pure returns (uint256) {
        return PROVIDERS;
    }

    function serviceCount() external pure returns (uint256) {
        return SERVICES;
    }

    function providerAt(uint256 i) external view returns (address) {
        return _providers[i];
    }

    function serviceAt(uint256 i) external pure returns (bytes32) {
        return _service(i);
    }

    function policyAt(uint256 i) external pure returns (bytes32) {
        return keccak256(abi.encode("policy", i));
    }
}

contract RiskPoolsInvariantTest is ContractTest {
    StakingPool internal staking;
    InsurancePool internal insurance;
    TestToken internal token;
    RiskPoolsHandler internal handler;

    function setUp() public {
        vm.warp(1_760_000_000);
        token = new TestToken("Stake", "STK", 18, address(this));
        staking = new StakingPool(address(token), 3 days, 1 days, address(this), 0);
        insurance = new InsurancePool(address(token), 3 days, address(this), 0);
        handler = new RiskPoolsHandler(staking, insurance, token);
        insurance.grantRole(insurance.SLASH_DEPOSITOR_ROLE(), address(staking));
        insurance.grantRole(insurance.UNDERWRITER_ROLE(), address(handler));
        insurance.grantRole(insurance.PAYER_ROLE(), address(handler));
        staking.grantRole(staking.SLASHER_ROLE(), address(handler));
        staking.setInsurancePool(address(insurance));
        token.grantRole(token.MINTER_ROLE(), address(handler));
        // the handler acts as governance (withdraws capital, cancels slashes): the admin is handed over in two steps
        insurance.beginDefaultAdminTransfer(address(handler));
        staking.beginDefaultAdminTransfer(address(handler));
        vm.warp(block.timestamp + 1);
        vm.startPrank(address(handler));
        insurance.acceptDefaultAdminTransfer();
        staking.acceptDefaultAdminTransfer();
        vm.stopPrank();
    }

    /// @dev A fixed sequence through the handler: shows its paths move money, then checks the invariants.
    function test_handlerSequence_movesMoneyAndKeepsInvariants() public {
        for (uint256 i = 1; i <= 40; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            handler.stake(seed, seed >> 8, seed >> 16);
            handler.proposeSlash(seed >> 24, seed >> 32, seed >> 40, seed >> 48);
            if (i % 7 == 0) handler.cancelSlash(seed >> 176);
            handler.executeSlash(seed >> 184);
            handler.requestUnbond(seed >> 56, seed >> 64, seed >> 72);
            handler.payClaim(seed >> 80, seed >> 88, seed >> 96);
            handler.payPremium(seed >> 104, seed >> 112);
            if (i % 5 == 0) handler.createPolicy(seed >> 120, seed >> 128, seed >> 136);
            if (i % 3 == 0) handler.fund(seed >> 144);
            handler.advanceTime(seed >> 152);
            handler.withdraw(seed >> 160, seed >> 168);
            if (i % 4 == 0) handler.withdrawCapital(seed >> 192);
            if (i % 6 == 0) handler.releasePolicy(seed >> 200);
        }
        vm.assertLe(10, handler.slashesApplied(), "slashes");
        vm.assertLe(10, handler.claimsPaid(), "claims");
        vm.assertLe(1, handler.ghostWithdrawn(), "withdrawals");
        vm.assertLe(1, handler.ghostOut(), "capital withdrawals");
        invariant_slashedNeverExceedsStaked();
        invariant_positionsSumToTotals();
        invariant_payoutsBoundedByCoverageAndBalance();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice Total slashed never exceeds total staked, and the pool holds exactly what is still staked.
    function invariant_slashedNeverExceedsStaked() public view {
        vm.assertLe(staking.totalSlashed(), staking.totalStaked(), "slashed > staked");
        vm.assertEq(handler.slashBoundViolations(), 0, "slashed beyond the stake at incident time or the proposal");
        vm.assertEq(staking.totalStaked(), handler.ghostStaked(), "staked");
        vm.assertEq(staking.totalSlashed(), handler.ghostSlashed(), "slashed");
        vm.assertEq(staking.totalWithdrawn(), handler.ghostWithdrawn(), "withdrawn");
        uint256 held = staking.totalBonded() + staking.totalUnbonding();
        vm.assertEq(held, staking.totalStaked() - staking.totalSlashed() - staking.totalWithdrawn(), "conservation");
        vm.assertEq(token.balanceOf(address(staking)), held, "staking balance");
    }

    /// @notice Positions add up to the totals (no stake is created or lost).
    function invariant_positionsSumToTotals() public view {
        uint256 bonded;
        uint256 unbonding;
        for (uint256 p = 0; p < handler.providerCount(); ++p) {
            for (uint256 s = 0; s < handler.serviceCount(); ++s) {
                (uint256 b, uint256 u,,) = staking.positionOf(handler.providerAt(p), handler.serviceAt(s));
                bonded += b;
                unbonding += u;
            }
        }
        vm.assertEq(bonded, staking.totalBonded(), "bonded");
        vm.assertEq(unbonding, staking.totalUnbonding(), "unbonding");
    }

    /// @notice Insurance payouts never exceed any policy's coverage nor what came into the pool,
    /// are only for incidents inside the paid cover, and the exposure is always backed by capital.
    function invariant_payoutsBoundedByCoverageAndBalance() public view {
        uint256 inflow = insurance.totalPremiums() + insurance.totalSlashReceived() + insurance.totalFunded();
        vm.assertEq(inflow, handler.ghostIn(), "inflow");
        vm.assertEq(insurance.totalSlashReceived(), staking.totalSlashed(), "slashed stake arrived");
        vm.assertLe(insurance.totalPaidOut(), inflow, "paid more than received");
        vm.assertEq(insurance.totalPaidOut(), handler.ghostPaidOut(), "paid out");
        vm.assertEq(insurance.totalCapitalWithdrawn(), handler.ghostOut(), "capital withdrawn");
        uint256 balance = token.balanceOf(address(insurance));
        vm.assertEq(balance, inflow - insurance.totalPaidOut() - handler.ghostOut(), "insurance balance");
        vm.assertLe(insurance.totalExposure(), balance, "exposure beyond capital");
        vm.assertEq(handler.coverViolations(), 0, "paid for an incident outside the paid cover");
        uint256 exposure;
        for (uint256 i = 0; i < handler.policiesCreated(); ++i) {
            bytes32 policyId = handler.policyAt(i);
            (,, uint256 coverage,,, uint256 paidOut,,,, bool released) = insurance.getPolicy(policyId);
            vm.assertLe(paidOut, coverage, "paid beyond coverage");
            vm.assertEq(paidOut, handler.ghostPolicyPaid(policyId), "policy paid out");
            if (!released) exposure += coverage - paidOut;
        }
        vm.assertEq(insurance.totalExposure(), exposure, "exposure");
    }
}
