// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {StakingPool} from "../src/StakingPool.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {MerkleDistributor} from "../src/MerkleDistributor.sol";
import {GovernanceFinalizer} from "../src/GovernanceFinalizer.sol";
import {GovernanceTimelock} from "../src/GovernanceTimelock.sol";
import {TestToken} from "../src/test/TestToken.sol";

/// @dev Non-privileged actors call every external function of the money contracts and of the timelock,
/// including the governance-only ones, with random arguments. After every call the handler checks that
/// money moved only for the caller's own positions: the "wealth" of every other account (its token
/// balance plus its stake, its unclaimed entitlement in the active root and its escrowed bonds) is
/// unchanged, the caller's own wealth never grows, and the capital of the insurance pool never shrinks.
contract GovernedFundsHandler is ContractTest {
    uint256 internal constant ACTORS = 4;
    uint256 internal constant PBOND = 10e18;
    uint256 internal constant DBOND = 5e18;
    bytes32 internal constant SERVICE0 = keccak256("service:0");
    bytes32 internal constant SERVICE1 = keccak256("service:1");

    TestToken public immutable token;
    StakingPool public immutable staking;
    InsurancePool public immutable insurance;
    MerkleDistributor public immutable distributor;
    GovernanceFinalizer public immutable finalizer;
    GovernanceTimelock public immutable timelock;

    address[] internal _accounts; // actors first, then the app accounts, guardian, treasury, timelock
    address[ACTORS] internal _actors;
    mapping(address => uint256) public entitlement;
    mapping(address => bytes32[]) internal _proofs;
    bytes32[] internal _proposals;

    uint256 public calls;
    uint256 public succeeded;
    uint256 public violations;
    bytes4 public lastViolation;
    mapping(bytes4 => uint256) public successes;

    constructor(
        TestToken token_,
        StakingPool staking_,
        InsurancePool insurance_,
        MerkleDistributor distributor_,
        GovernanceFinalizer finalizer_,
        GovernanceTimelock timelock_,
        address[] memory others
    ) {
        token = token_;
        staking = staking_;
        insurance = insurance_;
        distributor = distributor_;
        finalizer = finalizer_;
        timelock = timelock_;
        for (uint256 i = 0; i < ACTORS; ++i) {
            _actors[i] = address(uint160(0xA000 + i));
            _accounts.push(_actors[i]);
        }
        for (uint256 i = 0; i < others.length; ++i) {
            _accounts.push(others[i]);
        }
    }

    function actor(uint256 i) external view returns (address) {
        return _actors[i];
    }

    function setEntitlement(address account, uint256 amount, bytes32[] memory proof) external {
        entitlement[account] = amount;
        _proofs[account] = proof;
    }

    function addProposal(bytes32 id) external {
        _proposals.push(id);
    }

    // ---------------------------------------------------------------- wealth

    /// @dev Token balance + stake + unclaimed active entitlement + escrowed finalizer bonds.
    function wealthOf(address account) public view returns (uint256 wealth) {
        wealth = token.balanceOf(account);
        (uint256 b0, uint256 u0,,) = staking.positionOf(account, SERVICE0);
        (uint256 b1, uint256 u1,,) = staking.positionOf(account, SERVICE1);
        wealth += b0 + u0 + b1 + u1;
        wealth += entitlement[account] - distributor.claimed(address(token), account);
        for (uint256 i = 0; i < _proposals.length; ++i) {
            (GovernanceFinalizer.Status status,,,,,,,) = finalizer.getResult(_proposals[i]);
            (, address proposer, address challenger,) = finalizer.getResultBonds(_proposals[i]);
            bool open = status == GovernanceFinalizer.Status.Posted || status == GovernanceFinalizer.Status.Disputed;
            if (open && proposer == account) wealth += PBOND;
            if (status == GovernanceFinalizer.Status.Disputed && challenger == account) wealth += DBOND;
        }
    }

    // ---------------------------------------------------------------- actions

    function advanceTime(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 4 days));
    }

    /// @dev One call by one actor to one of the external functions, with random arguments.
    function act(uint256 actorSeed, uint256 fnSeed, uint256 a, uint256 b, address who) external {
        address caller = _actors[actorSeed % ACTORS];
        address someone = _pick(a, who);
        (address target, bytes memory data) = _call(fnSeed, caller, someone, a, b);
        uint256 n = _accounts.length;
        uint256[] memory before = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            before[i] = wealthOf(_accounts[i]);
        }
        uint256 capitalBefore = insurance.poolBalance();
        ++calls;
        vm.prank(caller);
        (bool ok,) = target.call(data);
        if (ok) {
            ++succeeded;
            ++successes[bytes4(data)];
        }
        for (uint256 i = 0; i < n; ++i) {
            uint256 wealth = wealthOf(_accounts[i]);
            bool bad = _accounts[i] == caller ? wealth > before[i] : wealth != before[i];
            if (bad) {
                ++violations;
                lastViolation = bytes4(data);
            }
        }
        if (insurance.poolBalance() < capitalBefore) {
            ++violations;
            lastViolation = bytes4(data);
        }
    }

    function _pick(uint256 seed, address who) internal view returns (address) {
        uint256 k = seed % (_accounts.length + 4);
        if (k < _accounts.length) return _accounts[k];
        if (k == _accounts.length) return address(staking);
        if (k == _accounts.length + 1) return address(insurance);
        if (k == _accounts.length + 2) return who;
        return address(0);
    }

    function _id(uint256 seed) internal view returns (bytes32) {
        if (_proposals.length > 0 && seed % 3 != 0) return _proposals[seed % _proposals.length];
        return keccak256(abi.encode("id", seed % 4));
    }

    function _service(uint256 seed) internal pure returns (bytes32) {
        return seed % 2 == 0 ? SERVICE0 : SERVICE1;
    }

    /// @dev A claim for someone (often an actor): with its own proof, or asking for more than it is owed.
    function _claimCall(address someone, uint256 b) internal view returns (bytes memory) {
        uint256 owed = entitlement[someone];
        uint256 asked = b % 3 == 0 ? owed + bound(b, 1, 100e18) : owed;
        return abi.encodeCall(distributor.claim, (someone, address(token), asked, _proofs[someone]));
    }

    // solhint-disable-next-line code-complexity
    function _call(uint256 fnSeed, address caller, address someone, uint256 a, uint256 b)
        internal
        view
        returns (address, bytes memory)
    {
        uint256 amount = bound(b, 0, 300e18);
        bytes32 id = _id(a);
        uint256 f = fnSeed % 40;
        // staking
        if (f == 0) return (address(staking), abi.encodeCall(staking.stake, (_service(a), amount)));
        if (f == 1) return (address(staking), abi.encodeCall(staking.requestUnbond, (_service(a), amount)));
        if (f == 2) return (address(staking), abi.encodeCall(staking.withdraw, (_service(a))));
        if (f == 3) {
            return (address(staking), abi.encodeCall(staking.proposeSlash, (someone, _service(a), amount, id, uint64(block.timestamp - 1), "x")));
        }
        if (f == 4) return (address(staking), abi.encodeCall(staking.executeSlash, (someone, _service(a), id)));
        if (f == 5) return (address(staking), abi.encodeCall(staking.cancelSlash, (someone, _service(a), id, "x")));
        if (f == 6) return (address(staking), abi.encodeCall(staking.setInsurancePool, (someone)));
        // insurance
        if (f == 7) {
            return (address(insurance), abi.encodeCall(insurance.createPolicy, (id, someone, _service(a), amount, 0, uint64(block.timestamp + 30 days))));
        }
        if (f == 8) return (address(insurance), abi.encodeCall(insurance.payPremium, (id, amount)));
        if (f == 9) return (address(insurance), abi.encodeCall(insurance.fund, (amount)));
        if (f == 10) {
            return (address(insurance), abi.encodeCall(insurance.payClaim, (id, keccak256("incident"), uint64(block.timestamp - 1), amount)));
        }
        if (f == 11) return (address(insurance), abi.encodeCall(insurance.withdrawCapital, (caller, amount)));
        if (f == 12) return (address(insurance), abi.encodeCall(insurance.releasePolicy, (id)));
        if (f == 13) {
            return (address(insurance), abi.encodeCall(insurance.depositSlashed, (someone, _service(a), id, amount)));
        }
        // distributor
        if (f == 14) {
            return (address(distributor), abi.encodeCall(distributor.postRoot, (address(token), keccak256(abi.encode(a)), amount)));
        }
        if (f == 15) return (address(distributor), abi.encodeCall(distributor.disputeRoot, (address(token), "x")));
        if (f == 16) return (address(distributor), abi.encodeCall(distributor.activateRoot, (address(token))));
        if (f == 17 || f == 18) return (address(distributor), _claimCall(someone, b));
        if (f == 19) return (address(distributor), abi.encodeCall(distributor.sweep, (address(token), caller)));
        // finalizer
        if (f == 20) {
            return (address(finalizer), abi.encodeCall(finalizer.postResult, (id, keccak256("r"), keccak256("v"), address(0), "")));
        }
        if (f == 21 || f == 22) return (address(finalizer), abi.encodeCall(finalizer.dispute, (id, "x")));
        if (f == 23) return (address(finalizer), abi.encodeCall(finalizer.resolveDispute, (id, b % 2 == 0, "x")));
        if (f == 24 || f == 25) return (address(finalizer), abi.encodeCall(finalizer.finalize, (id)));
        if (f == 26) return (address(finalizer), abi.encodeCall(finalizer.expire, (id)));
        if (f == 27) return (address(finalizer), abi.encodeCall(finalizer.cancel, (id, "x")));
        // pause, roles and admin hand-over on a money contract
        address money = a % 3 == 0 ? address(staking) : (a % 3 == 1 ? address(insurance) : address(distributor));
        if (f == 28) return (money, abi.encodeCall(staking.pause, ()));
        if (f == 29) return (money, abi.encodeCall(staking.unpause, ()));
        if (f == 30) return (money, abi.encodeCall(staking.grantRole, (bytes32(b % 2 == 0 ? 0 : uint256(keccak256("PAYER_ROLE"))), caller)));
        if (f == 31) return (money, abi.encodeCall(staking.revokeRole, (keccak256("SLASH_DEPOSITOR_ROLE"), someone)));
        if (f == 32) return (money, abi.encodeCall(staking.beginDefaultAdminTransfer, (caller)));
        if (f == 33) return (money, abi.encodeCall(staking.acceptDefaultAdminTransfer, ()));
        if (f == 34) return (money, abi.encodeCall(staking.changeDefaultAdminDelay, (uint48(0))));
        // the timelock itself
        bytes memory inner = abi.encodeCall(insurance.withdrawCapital, (caller, amount));
        if (f == 35) {
            return (address(timelock), abi.encodeCall(timelock.schedule, (address(insurance), 0, inner, bytes32(0), id, 2 days)));
        }
        if (f == 36) return (address(timelock), abi.encodeCall(timelock.execute, (address(insurance), 0, inner, bytes32(0), id)));
        if (f == 37) return (address(timelock), abi.encodeCall(timelock.updateDelay, (0)));
        if (f == 38) return (address(timelock), abi.encodeCall(timelock.grantRole, (timelock.PROPOSER_ROLE(), caller)));
        return (money, abi.encodeCall(staking.renounceRole, (bytes32(0), someone)));
    }
}

contract GovernedFundsInvariantTest is ContractTest {
    uint256 internal constant T0 = 1_760_000_000;
    TestToken internal token;
    StakingPool internal staking;
    InsurancePool internal insurance;
    MerkleDistributor internal distributor;
    GovernanceFinalizer internal finalizer;
    GovernanceTimelock internal timelock;
    GovernedFundsHandler internal handler;
    address internal voting;
    address internal finance;
    address internal risk;
    address internal guardian;
    address internal treasury;
    address internal proposer;

    function setUp() public {
        vm.warp(T0);
        voting = makeAddr("voting");
        finance = makeAddr("finance");
        risk = makeAddr("risk");
        guardian = makeAddr("guardian");
        treasury = makeAddr("treasury");
        proposer = makeAddr("proposer");
        token = new TestToken("T", "T", 18, address(this));
        address[] memory proposers = new address[](1);
        proposers[0] = proposer;
        address[] memory executors = new address[](1);
        executors[0] = address(0);
        timelock = new GovernanceTimelock(2 days, proposers, executors, address(0));
        address tl = address(timelock);
        staking = new StakingPool(address(token), 7 days, 3 days, tl, 1 days);
        insurance = new InsurancePool(address(token), 14 days, tl, 1 days);
        distributor = new MerkleDistributor(tl, 1 days, 365 days, 1 days);
        finalizer = new GovernanceFinalizer(tl, address(token), 3 days, 7 days, 10e18, 5e18, 1 days);
        _wire();

        address[] memory others = new address[](7);
        others[0] = voting;
        others[1] = finance;
        others[2] = risk;
        others[3] = guardian;
        others[4] = treasury;
        others[5] = tl;
        others[6] = proposer;
        handler = new GovernedFundsHandler(token, staking, insurance, distributor, finalizer, timelock, others);
        _positions();
    }

    function _wire() internal {
        bytes32 guardianRole = staking.GUARDIAN_ROLE();
        vm.startPrank(address(timelock));
        insurance.grantRole(keccak256("SLASH_DEPOSITOR_ROLE"), address(staking));
        insurance.grantRole(keccak256("UNDERWRITER_ROLE"), finance);
        insurance.grantRole(keccak256("PAYER_ROLE"), finance);
        distributor.grantRole(keccak256("DISTRIBUTOR_ROLE"), finance);
        distributor.grantRole(keccak256("CHALLENGER_ROLE"), guardian);
        staking.grantRole(keccak256("SLASHER_ROLE"), risk);
        finalizer.grantRole(keccak256("FINALIZER_ROLE"), voting);
        staking.grantRole(guardianRole, guardian);
        insurance.grantRole(guardianRole, guardian);
        distributor.grantRole(guardianRole, guardian);
        staking.setInsurancePool(address(insurance));
        vm.stopPrank();
    }

    /// @dev Every actor has a stake, a policy with its premium paid, an entitlement in the active root
    /// and tokens approved to every contract; the Voting account has a result posted with its bond.
    function _positions() internal {
        address[4] memory actors;
        bytes32[] memory leaves = new bytes32[](4);
        uint256 total;
        for (uint256 i = 0; i < 4; ++i) {
            actors[i] = handler.actor(i);
            token.mint(actors[i], 1_000e18);
            vm.startPrank(actors[i]);
            token.approve(address(staking), type(uint256).max);
            token.approve(address(insurance), type(uint256).max);
            token.approve(address(distributor), type(uint256).max);
            token.approve(address(finalizer), type(uint256).max);
            staking.stake(keccak256("service:0"), 100e18);
            vm.stopPrank();
            leaves[i] = distributor.leafHash(actors[i], address(token), (i + 1) * 10e18);
            total += (i + 1) * 10e18;
        }
        token.mint(finance, 10_000e18);
        token.mint(voting, 1_000e18);
        vm.startPrank(finance);
        token.approve(address(insurance), type(uint256).max);
        token.approve(address(distributor), type(uint256).max);
        insurance.fund(5_000e18);
        for (uint256 i = 0; i < 4; ++i) {
            insurance.createPolicy(keccak256(abi.encode("id", i)), actors[i], keccak256("service:0"), 100e18, 10e18, uint64(T0 + 60 days));
        }
        bytes32[] memory tree = MerkleBuilder.build(leaves);
        distributor.postRoot(address(token), MerkleBuilder.root(tree), total);
        vm.stopPrank();
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(actors[i]);
            insurance.payPremium(keccak256(abi.encode("id", i)), 10e18);
            handler.setEntitlement(actors[i], (i + 1) * 10e18, MerkleBuilder.proof(tree, leaves[i]));
        }
        vm.warp(T0 + 1 days + 1);
        distributor.activateRoot(address(token));
        vm.startPrank(voting);
        token.approve(address(finalizer), type(uint256).max);
        for (uint256 i = 0; i < 2; ++i) {
            bytes32 proposal = keccak256(abi.encode("proposal", i));
            finalizer.postResult(proposal, keccak256("result"), keccak256("votes"), address(0), "");
            handler.addProposal(proposal);
        }
        vm.stopPrank();
    }

    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @dev forge fuzzes only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev ... and only its actions (not the set-up helpers).
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](3);
        selectors[0] = GovernedFundsHandler.act.selector;
        selectors[1] = GovernedFundsHandler.act.selector;
        selectors[2] = GovernedFundsHandler.advanceTime.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), selectors);
    }

    /// @dev A fixed sequence: the actors' own paths do move money (stake, unbond, withdraw, claim, dispute,
    /// premium, fund), the governance-only ones are refused, and no violation is recorded.
    function test_handlerSequence_ownPositionsMoveOthersDoNot() public {
        handler.act(0, 0, 0, 50e18, address(0)); // stake
        handler.act(1, 1, 0, 40e18, address(0)); // requestUnbond
        handler.act(0, 17, 0, 1, address(0)); // claim for actor 0, what it is owed
        handler.act(2, 21, 1, 0, address(0)); // dispute one of the posted results
        handler.act(3, 9, 0, 5e18, address(0)); // fund the insurance pool
        handler.act(1, 11, 0, 5e18, address(0)); // withdrawCapital: refused
        handler.act(1, 19, 0, 0, address(0)); // sweep: refused
        handler.act(2, 32, 0, 0, address(0)); // beginDefaultAdminTransfer: refused
        handler.act(2, 35, 0, 5e18, address(0)); // timelock.schedule: refused
        handler.advanceTime(4 days);
        handler.advanceTime(4 days);
        handler.act(1, 2, 0, 0, address(0)); // withdraw the unbonded stake
        vm.assertEq(handler.successes(StakingPool.stake.selector), 1);
        vm.assertEq(handler.successes(StakingPool.requestUnbond.selector), 1);
        vm.assertEq(handler.successes(StakingPool.withdraw.selector), 1);
        vm.assertEq(handler.successes(MerkleDistributor.claim.selector), 1);
        vm.assertEq(handler.successes(GovernanceFinalizer.dispute.selector), 1);
        vm.assertEq(handler.successes(InsurancePool.fund.selector), 1);
        vm.assertEq(handler.successes(InsurancePool.withdrawCapital.selector), 0);
        vm.assertEq(handler.successes(MerkleDistributor.sweep.selector), 0);
        vm.assertEq(handler.successes(staking.beginDefaultAdminTransfer.selector), 0);
        vm.assertEq(handler.successes(timelock.schedule.selector), 0);
        vm.assertEq(handler.succeeded(), 6);
        invariant_fundsMoveOnlyForTheCallersOwnPositions();
    }

    /// @notice Whatever non-privileged actors call, money moves only for the caller's own positions, and
    /// the timelock stays the single admin (one campaign for both: each act checks every account).
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 96
    function invariant_fundsMoveOnlyForTheCallersOwnPositions() public view {
        vm.assertEq(handler.violations(), 0, "money moved for someone other than the caller");
        _governanceStaysWithTheTimelock();
    }

    /// @dev The timelock stays the single admin, no actor holds a governance role, the wiring is unchanged.
    function _governanceStaysWithTheTimelock() internal view {
        vm.assertEq(staking.defaultAdmin(), address(timelock), "staking admin");
        vm.assertEq(insurance.defaultAdmin(), address(timelock), "insurance admin");
        vm.assertEq(distributor.defaultAdmin(), address(timelock), "distributor admin");
        vm.assertEq(finalizer.defaultAdmin(), address(timelock), "finalizer admin");
        for (uint256 i = 0; i < 4; ++i) {
            address a = handler.actor(i);
            vm.assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), a), "actor proposes");
            vm.assertFalse(insurance.hasRole(keccak256("PAYER_ROLE"), a), "actor pays claims");
            (address pending,) = staking.pendingDefaultAdmin();
            vm.assertEq(pending, address(0), "pending admin");
        }
        vm.assertEq(address(staking.insurancePool()), address(insurance), "insurance pool");
        vm.assertEq(timelock.getMinDelay(), 2 days, "timelock delay");
    }
}
