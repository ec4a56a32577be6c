// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ContractTest} from "./utils/ContractTest.sol";
import {FeeOnTransferToken} from "./utils/FeeOnTransferToken.sol";
import {InsurancePool} from "../src/InsurancePool.sol";
import {ISlashReceiver} from "../src/interfaces/ISlashReceiver.sol";
import {TestToken} from "../src/test/TestToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract InsurancePoolTest is ContractTest {
    InsurancePool internal pool;
    TestToken internal token;
    address internal admin;
    address internal underwriter;
    address internal payer;
    address internal depositor;
    address internal holder;
    address internal funder;

    uint256 internal constant T0 = 1_760_000_000;
    uint64 internal constant EXPIRY = uint64(T0 + 30 days);
    bytes32 internal constant POLICY = keccak256("policy:1");
    bytes32 internal constant SERVICE = keccak256("service:sentiment-api");
    bytes32 internal constant INCIDENT = keccak256("incident:2025-001");
    bytes32 internal constant INCIDENT2 = keccak256("incident:2025-002");

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        underwriter = makeAddr("underwriter");
        payer = makeAddr("payer");
        depositor = makeAddr("depositor");
        holder = makeAddr("holder");
        funder = makeAddr("funder");
        token = new TestToken("Cover USD", "cUSD", 6, address(this));
        pool = new InsurancePool(address(token), admin);
        vm.startPrank(admin);
        pool.grantRole(pool.UNDERWRITER_ROLE(), underwriter);
        pool.grantRole(pool.PAYER_ROLE(), payer);
        pool.grantRole(pool.SLASH_DEPOSITOR_ROLE(), depositor);
        vm.stopPrank();
        address[3] memory payers = [holder, funder, depositor];
        for (uint256 i = 0; i < payers.length; ++i) {
            token.mint(payers[i], 10_000e6);
            vm.prank(payers[i]);
            token.approve(address(pool), type(uint256).max);
        }
    }

    function _create(uint256 coverage, uint256 premium) internal {
        vm.prank(underwriter);
        pool.createPolicy(POLICY, holder, SERVICE, coverage, premium, EXPIRY);
    }

    function _fund(uint256 amount) internal {
        vm.prank(funder);
        pool.fund(amount);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor() public {
        vm.assertEq(pool.asset(), address(token));
        vm.assertTrue(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertEq(pool.UNDERWRITER_ROLE(), keccak256("UNDERWRITER_ROLE"));
        vm.assertEq(pool.PAYER_ROLE(), keccak256("PAYER_ROLE"));
        vm.assertEq(pool.SLASH_DEPOSITOR_ROLE(), keccak256("SLASH_DEPOSITOR_ROLE"));
        vm.assertEq(ISlashReceiver(address(pool)).asset(), address(token));
        vm.expectRevert(InsurancePool.ZeroAsset.selector);
        new InsurancePool(address(0), admin);
    }

    // ---------------------------------------------------------------- createPolicy

    function test_createPolicy_recordsAndEmits() public {
        vm.expectEmit(address(pool));
        emit InsurancePool.PolicyCreated(POLICY, holder, SERVICE, 1_000e6, 50e6, EXPIRY);
        _create(1_000e6, 50e6);
        (
            address h,
            bytes32 serviceId,
            uint256 coverage,
            uint256 premium,
            uint256 premiumPaid,
            uint256 paidOut,
            uint64 expiry,
            uint64 createdAt
        ) = pool.getPolicy(POLICY);
        vm.assertEq(h, holder);
        vm.assertEq(serviceId, SERVICE);
        vm.assertEq(coverage, 1_000e6);
        vm.assertEq(premium, 50e6);
        vm.assertEq(premiumPaid, 0);
        vm.assertEq(paidOut, 0);
        vm.assertEq(expiry, EXPIRY);
        vm.assertEq(createdAt, T0);
        vm.assertEq(pool.remainingCoverage(POLICY), 1_000e6);
    }

    function test_createPolicy_revertsWithoutRole() public {
        expectUnauthorized(holder, pool.UNDERWRITER_ROLE());
        vm.prank(holder);
        pool.createPolicy(POLICY, holder, SERVICE, 1_000e6, 50e6, EXPIRY);
    }

    function test_createPolicy_revertsOnInvalidTerms() public {
        vm.startPrank(underwriter);
        vm.expectRevert(InsurancePool.ZeroPolicyId.selector);
        pool.createPolicy(bytes32(0), holder, SERVICE, 1, 0, EXPIRY);
        vm.expectRevert(InsurancePool.ZeroHolder.selector);
        pool.createPolicy(POLICY, address(0), SERVICE, 1, 0, EXPIRY);
        vm.expectRevert(InsurancePool.ZeroCoverage.selector);
        pool.createPolicy(POLICY, holder, SERVICE, 0, 0, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ExpiryNotInFuture.selector, uint64(T0), T0));
        pool.createPolicy(POLICY, holder, SERVICE, 1, 0, uint64(T0));
        vm.stopPrank();
    }

    function test_createPolicy_revertsWhenExists() public {
        _create(1_000e6, 50e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyExists.selector, POLICY));
        vm.prank(underwriter);
        pool.createPolicy(POLICY, funder, SERVICE, 1, 0, EXPIRY);
    }

    // ---------------------------------------------------------------- payPremium

    function test_payPremium_inParts() public {
        _create(1_000e6, 50e6);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(holder, address(pool), 20e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.PremiumPaid(POLICY, holder, 20e6, 20e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 20e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.PremiumPaid(POLICY, funder, 30e6, 50e6);
        vm.prank(funder); // anyone may pay a policy's premium
        pool.payPremium(POLICY, 30e6);
        (,,,, uint256 premiumPaid,,,) = pool.getPolicy(POLICY);
        vm.assertEq(premiumPaid, 50e6);
        vm.assertEq(pool.totalPremiums(), 50e6);
        vm.assertEq(pool.poolBalance(), 50e6);
    }

    function test_payPremium_revertsBeyondDue() public {
        _create(1_000e6, 50e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 20e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PremiumExceedsDue.selector, POLICY, 30e6, 31e6));
        vm.prank(holder);
        pool.payPremium(POLICY, 31e6);
    }

    function test_payPremium_revertsOnZeroUnknownOrExpired() public {
        vm.expectRevert(InsurancePool.ZeroAmount.selector);
        vm.prank(holder);
        pool.payPremium(POLICY, 0);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyNotFound.selector, POLICY));
        vm.prank(holder);
        pool.payPremium(POLICY, 1);
        _create(1_000e6, 50e6);
        vm.warp(uint256(EXPIRY) + 1);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyExpired.selector, POLICY, EXPIRY));
        vm.prank(holder);
        pool.payPremium(POLICY, 1);
    }

    function test_payPremium_revertsOnFeeOnTransferToken() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        InsurancePool feePool = new InsurancePool(address(fee), admin);
        fee.mint(funder, 1_000);
        vm.startPrank(funder);
        fee.approve(address(feePool), 1_000);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.TransferAmountMismatch.selector, 1_000, 990));
        feePool.fund(1_000);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- fund and depositSlashed

    function test_fund_emits() public {
        vm.expectEmit(address(pool));
        emit InsurancePool.PoolFunded(funder, 500e6);
        _fund(500e6);
        vm.assertEq(pool.totalFunded(), 500e6);
        vm.assertEq(pool.poolBalance(), 500e6);
    }

    function test_fund_revertsOnZero() public {
        vm.expectRevert(InsurancePool.ZeroAmount.selector);
        _fund(0);
    }

    function test_depositSlashed_pullsAndEmits() public {
        address provider = makeAddr("provider");
        vm.expectEmit(address(token));
        emit IERC20.Transfer(depositor, address(pool), 70e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.SlashedFundsReceived(depositor, provider, SERVICE, INCIDENT, 70e6);
        vm.prank(depositor);
        pool.depositSlashed(provider, SERVICE, INCIDENT, 70e6);
        vm.assertEq(pool.totalSlashReceived(), 70e6);
    }

    function test_depositSlashed_revertsWithoutRoleOrAmount() public {
        expectUnauthorized(funder, pool.SLASH_DEPOSITOR_ROLE());
        vm.prank(funder);
        pool.depositSlashed(funder, SERVICE, INCIDENT, 1);
        vm.expectRevert(InsurancePool.ZeroAmount.selector);
        vm.prank(depositor);
        pool.depositSlashed(funder, SERVICE, INCIDENT, 0);
    }

    // ---------------------------------------------------------------- payClaim

    function test_payClaim_paysHolderAndEmits() public {
        _create(1_000e6, 50e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 50e6);
        _fund(2_000e6);
        uint256 before = token.balanceOf(holder);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(pool), holder, 300e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.ClaimPaid(POLICY, INCIDENT, holder, 300e6, 300e6);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 300e6);
        vm.assertEq(token.balanceOf(holder), before + 300e6);
        vm.assertEq(pool.claimPaid(POLICY, INCIDENT), 300e6);
        vm.assertEq(pool.claimPaid(POLICY, INCIDENT2), 0);
        vm.assertEq(pool.remainingCoverage(POLICY), 700e6);
        vm.assertEq(pool.totalPaidOut(), 300e6);
    }

    function test_payClaim_secondClaimForIncidentReverts() public {
        _create(1_000e6, 0);
        _fund(2_000e6);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 100e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ClaimAlreadyPaid.selector, POLICY, INCIDENT));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 100e6);
    }

    function test_payClaim_revertsBeyondRemainingCoverage() public {
        _create(1_000e6, 0);
        _fund(5_000e6);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 800e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ExceedsRemainingCoverage.selector, POLICY, 200e6, 201e6));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, 201e6);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, 200e6);
        vm.assertEq(pool.remainingCoverage(POLICY), 0);
    }

    function test_payClaim_revertsBeyondBalance() public {
        _create(1_000e6, 0);
        _fund(100e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.InsufficientPoolBalance.selector, 100e6, 101e6));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 101e6);
    }

    function test_payClaim_revertsUnpaidPremium() public {
        _create(1_000e6, 50e6);
        _fund(2_000e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 49e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PremiumNotPaid.selector, POLICY, 50e6, 49e6));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 1);
    }

    function test_payClaim_atExpiryPaysAfterExpiryReverts() public {
        _create(1_000e6, 0);
        _fund(2_000e6);
        vm.warp(EXPIRY);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, 1);
        vm.warp(uint256(EXPIRY) + 1);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyExpired.selector, POLICY, EXPIRY));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, 1);
    }

    function test_payClaim_revertsWithoutRole() public {
        _create(1_000e6, 0);
        expectUnauthorized(underwriter, pool.PAYER_ROLE());
        vm.prank(underwriter);
        pool.payClaim(POLICY, INCIDENT, 1);
    }

    function test_payClaim_revertsOnZeroOrUnknown() public {
        vm.startPrank(payer);
        vm.expectRevert(InsurancePool.ZeroIncidentId.selector);
        pool.payClaim(POLICY, bytes32(0), 1);
        vm.expectRevert(InsurancePool.ZeroAmount.selector);
        pool.payClaim(POLICY, INCIDENT, 0);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyNotFound.selector, POLICY));
        pool.payClaim(POLICY, INCIDENT, 1);
        vm.stopPrank();
    }

    function test_views_unknownPolicyIsZero() public view {
        (address h,, uint256 coverage,,,,,) = pool.getPolicy(POLICY);
        vm.assertEq(h, address(0));
        vm.assertEq(coverage, 0);
        vm.assertEq(pool.remainingCoverage(POLICY), 0);
    }

    function testFuzz_payClaim_boundedByCoverageAndBalance(uint64 coverage, uint64 funding, uint64 a1, uint64 a2)
        public
    {
        uint256 c = bound(coverage, 1, 5_000e6);
        uint256 f = bound(funding, 0, 10_000e6);
        uint256 x1 = bound(a1, 1, 6_000e6);
        uint256 x2 = bound(a2, 1, 6_000e6);
        _create(c, 0);
        if (f > 0) _fund(f);
        uint256 paid;
        uint256[2] memory claims = [x1, x2];
        bytes32[2] memory incidents = [INCIDENT, INCIDENT2];
        for (uint256 i = 0; i < 2; ++i) {
            uint256 remaining = c - paid;
            uint256 available = f - paid;
            if (claims[i] > remaining) {
                vm.expectRevert(
                    abi.encodeWithSelector(InsurancePool.ExceedsRemainingCoverage.selector, POLICY, remaining, claims[i])
                );
            } else if (claims[i] > available) {
                vm.expectRevert(abi.encodeWithSelector(InsurancePool.InsufficientPoolBalance.selector, available, claims[i]));
            } else {
                paid += claims[i];
            }
            vm.prank(payer);
            pool.payClaim(POLICY, incidents[i], claims[i]);
        }
        vm.assertEq(pool.totalPaidOut(), paid);
        vm.assertLe(paid, c);
        vm.assertLe(paid, f);
    }
}
