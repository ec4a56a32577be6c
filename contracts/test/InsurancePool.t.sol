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
    uint64 internal constant GRACE = 14 days;
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
        pool = new InsurancePool(address(token), GRACE, admin, 0);
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

    /// @dev Creates POLICY; the pool must hold capital for the coverage.
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
        vm.assertEq(pool.claimGracePeriod(), GRACE);
        vm.assertEq(pool.EXPOSURE_LIMIT_BPS(), 10_000);
        vm.assertEq(ISlashReceiver(address(pool)).asset(), address(token));
        vm.expectRevert(InsurancePool.ZeroAsset.selector);
        new InsurancePool(address(0), GRACE, admin, 0);
    }

    // ---------------------------------------------------------------- createPolicy

    function test_createPolicy_recordsAndEmits() public {
        _fund(1_000e6);
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
            uint64 createdAt,
            uint64 coverStart,
            bool released
        ) = pool.getPolicy(POLICY);
        vm.assertEq(h, holder);
        vm.assertEq(serviceId, SERVICE);
        vm.assertEq(coverage, 1_000e6);
        vm.assertEq(premium, 50e6);
        vm.assertEq(premiumPaid, 0);
        vm.assertEq(paidOut, 0);
        vm.assertEq(expiry, EXPIRY);
        vm.assertEq(createdAt, T0);
        vm.assertEq(coverStart, 0); // no cover before the premium is paid
        vm.assertFalse(released);
        vm.assertEq(pool.remainingCoverage(POLICY), 1_000e6);
        vm.assertEq(pool.totalExposure(), 1_000e6);
        vm.assertEq(pool.freeCapital(), 0);
    }

    function test_createPolicy_withoutPremiumCoversAtOnce() public {
        _fund(1_000e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.CoverStarted(POLICY, uint64(T0), EXPIRY);
        _create(1_000e6, 0);
        (,,,,,,,, uint64 coverStart,) = pool.getPolicy(POLICY);
        vm.assertEq(coverStart, T0);
    }

    /// @dev Exposure is bounded by capital (1:1): cover the pool cannot back is refused.
    function test_createPolicy_revertsBeyondCapital() public {
        _fund(1_500e6);
        _create(1_000e6, 0);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ExposureExceedsCapital.selector, 1_501e6, 1_500e6));
        vm.prank(underwriter);
        pool.createPolicy(keccak256("policy:2"), holder, SERVICE, 501e6, 0, EXPIRY);
        vm.prank(underwriter);
        pool.createPolicy(keccak256("policy:2"), holder, SERVICE, 500e6, 0, EXPIRY);
        vm.assertEq(pool.totalExposure(), 1_500e6);
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
        _fund(2_000e6);
        _create(1_000e6, 50e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyExists.selector, POLICY));
        vm.prank(underwriter);
        pool.createPolicy(POLICY, funder, SERVICE, 1, 0, EXPIRY);
    }

    // ---------------------------------------------------------------- payPremium

    function test_payPremium_inPartsStartsCoverWhenComplete() public {
        _fund(1_000e6);
        _create(1_000e6, 50e6);
        vm.warp(T0 + 1 hours);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(holder, address(pool), 20e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.PremiumPaid(POLICY, holder, 20e6, 20e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 20e6);
        (,,,,,,,, uint64 coverStart,) = pool.getPolicy(POLICY);
        vm.assertEq(coverStart, 0);
        vm.warp(T0 + 2 hours);
        vm.expectEmit(address(pool));
        emit InsurancePool.PremiumPaid(POLICY, funder, 30e6, 50e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.CoverStarted(POLICY, uint64(T0 + 2 hours), EXPIRY);
        vm.prank(funder); // anyone may pay a policy's premium
        pool.payPremium(POLICY, 30e6);
        uint256 premiumPaid;
        (,,,, premiumPaid,,,, coverStart,) = pool.getPolicy(POLICY);
        vm.assertEq(premiumPaid, 50e6);
        vm.assertEq(coverStart, T0 + 2 hours);
        vm.assertEq(pool.totalPremiums(), 50e6);
        vm.assertEq(pool.poolBalance(), 1_050e6);
        vm.assertEq(pool.freeCapital(), 50e6);
    }

    function test_payPremium_revertsBeyondDue() public {
        _fund(1_000e6);
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
        _fund(1_000e6);
        _create(1_000e6, 50e6);
        vm.warp(uint256(EXPIRY) + 1);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyExpired.selector, POLICY, EXPIRY));
        vm.prank(holder);
        pool.payPremium(POLICY, 1);
    }

    function test_payPremium_revertsOnFeeOnTransferToken() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        InsurancePool feePool = new InsurancePool(address(fee), GRACE, admin, 0);
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
        _fund(2_000e6);
        _create(1_000e6, 50e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 50e6);
        vm.warp(T0 + 1 days);
        uint256 before = token.balanceOf(holder);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(pool), holder, 300e6);
        vm.expectEmit(address(pool));
        emit InsurancePool.ClaimPaid(POLICY, INCIDENT, holder, 300e6, 300e6);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0 + 1 hours), 300e6);
        vm.assertEq(token.balanceOf(holder), before + 300e6);
        vm.assertEq(pool.claimPaid(POLICY, INCIDENT), 300e6);
        vm.assertEq(pool.claimPaid(POLICY, INCIDENT2), 0);
        vm.assertEq(pool.remainingCoverage(POLICY), 700e6);
        vm.assertEq(pool.totalPaidOut(), 300e6);
        vm.assertEq(pool.totalExposure(), 700e6);
    }

    function test_payClaim_secondClaimForIncidentReverts() public {
        _fund(2_000e6);
        _create(1_000e6, 0);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 100e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ClaimAlreadyPaid.selector, POLICY, INCIDENT));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 100e6);
    }

    function test_payClaim_revertsBeyondRemainingCoverage() public {
        _fund(5_000e6);
        _create(1_000e6, 0);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 800e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ExceedsRemainingCoverage.selector, POLICY, 200e6, 201e6));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, uint64(T0), 201e6);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, uint64(T0), 200e6);
        vm.assertEq(pool.remainingCoverage(POLICY), 0);
    }

    function test_payClaim_revertsUnpaidPremium() public {
        _fund(2_000e6);
        _create(1_000e6, 50e6);
        vm.prank(holder);
        pool.payPremium(POLICY, 49e6);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PremiumNotPaid.selector, POLICY, 50e6, 49e6));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 1);
    }

    /// @dev Attack: the holder pays the premium after the incident and claims for it.
    function test_attack_premiumPaidAfterIncident_notCovered() public {
        _fund(1_000e6);
        _create(1_000e6, 10e6);
        vm.warp(T0 + 1 days); // the incident happens now, with no premium paid
        uint64 incidentTime = uint64(block.timestamp);
        vm.warp(T0 + 1 days + 1);
        vm.prank(holder);
        pool.payPremium(POLICY, 10e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                InsurancePool.IncidentOutsideCover.selector, POLICY, incidentTime, uint64(T0 + 1 days + 1), EXPIRY
            )
        );
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, incidentTime, 1_000e6);
        // an incident after the cover started is paid
        vm.warp(T0 + 2 days);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, uint64(T0 + 2 days), 1_000e6);
    }

    function test_payClaim_revertsForIncidentOutsideCoverOrInFuture() public {
        _fund(1_000e6);
        _create(1_000e6, 0);
        vm.warp(uint256(EXPIRY) + 1);
        vm.startPrank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(InsurancePool.IncidentOutsideCover.selector, POLICY, uint64(T0 - 1), uint64(T0), EXPIRY)
        );
        pool.payClaim(POLICY, INCIDENT, uint64(T0 - 1), 1);
        vm.expectRevert(
            abi.encodeWithSelector(InsurancePool.IncidentOutsideCover.selector, POLICY, EXPIRY + 1, uint64(T0), EXPIRY)
        );
        pool.payClaim(POLICY, INCIDENT, EXPIRY + 1, 1);
        vm.stopPrank();
        vm.warp(T0 + 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(InsurancePool.IncidentOutsideCover.selector, POLICY, uint64(T0 + 1 days + 1), uint64(T0), EXPIRY)
        );
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0 + 1 days + 1), 1); // in the future
    }

    /// @dev Attack: a claim refused (here: delayed) until after expiry used to be lost; incidents
    /// inside the cover are paid during the grace period, and not after it.
    function test_attack_claimAfterExpiry_paidDuringGracePeriod() public {
        _fund(2_000e6);
        _create(1_000e6, 0);
        vm.warp(EXPIRY + GRACE);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, EXPIRY, 600e6);
        vm.warp(uint256(EXPIRY) + GRACE + 1);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ClaimPeriodOver.selector, POLICY, EXPIRY + GRACE));
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT2, EXPIRY, 1);
        vm.assertEq(token.balanceOf(holder), 10_000e6 + 600e6);
    }

    function test_payClaim_revertsWithoutRole() public {
        _fund(1_000e6);
        _create(1_000e6, 0);
        expectUnauthorized(underwriter, pool.PAYER_ROLE());
        vm.prank(underwriter);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 1);
    }

    function test_payClaim_revertsOnZeroOrUnknown() public {
        vm.startPrank(payer);
        vm.expectRevert(InsurancePool.ZeroIncidentId.selector);
        pool.payClaim(POLICY, bytes32(0), uint64(T0), 1);
        vm.expectRevert(InsurancePool.ZeroAmount.selector);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 0);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyNotFound.selector, POLICY));
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 1);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- release and capital

    function test_releasePolicy_afterClaimPeriodFreesCapital() public {
        _fund(1_000e6);
        _create(1_000e6, 0);
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 300e6);
        vm.warp(uint256(EXPIRY) + GRACE);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.ClaimPeriodNotOver.selector, POLICY, EXPIRY + GRACE));
        pool.releasePolicy(POLICY);
        vm.warp(uint256(EXPIRY) + GRACE + 1);
        vm.expectEmit(address(pool));
        emit InsurancePool.PolicyReleased(POLICY, 700e6);
        vm.prank(funder); // anyone
        vm.assertEq(pool.releasePolicy(POLICY), 700e6);
        vm.assertEq(pool.totalExposure(), 0);
        vm.assertEq(pool.freeCapital(), 700e6);
        (,,,,,,,,, bool released) = pool.getPolicy(POLICY);
        vm.assertTrue(released);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyAlreadyReleased.selector, POLICY));
        pool.releasePolicy(POLICY);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.PolicyNotFound.selector, INCIDENT));
        pool.releasePolicy(INCIDENT);
    }

    function test_withdrawCapital_onlyAdminAndOnlyAboveExposure() public {
        _fund(1_500e6);
        _create(1_000e6, 0);
        address treasury = makeAddr("treasury");
        expectUnauthorized(payer, pool.DEFAULT_ADMIN_ROLE());
        vm.prank(payer);
        pool.withdrawCapital(treasury, 1);
        vm.expectRevert(abi.encodeWithSelector(InsurancePool.CapitalBelowExposure.selector, 500e6, 500e6 + 1));
        vm.prank(admin);
        pool.withdrawCapital(treasury, 500e6 + 1);
        vm.expectRevert(InsurancePool.ZeroRecipient.selector);
        vm.prank(admin);
        pool.withdrawCapital(address(0), 1);
        vm.expectRevert(InsurancePool.ZeroAmount.selector);
        vm.prank(admin);
        pool.withdrawCapital(treasury, 0);
        vm.expectEmit(address(pool));
        emit InsurancePool.CapitalWithdrawn(treasury, 500e6, 1_000e6, 1_000e6);
        vm.prank(admin);
        pool.withdrawCapital(treasury, 500e6);
        vm.assertEq(token.balanceOf(treasury), 500e6);
        vm.assertEq(pool.totalCapitalWithdrawn(), 500e6);
        vm.assertEq(pool.freeCapital(), 0);
        // the covered claim is still paid in full
        vm.prank(payer);
        pool.payClaim(POLICY, INCIDENT, uint64(T0), 1_000e6);
        vm.assertEq(pool.poolBalance(), 0);
    }

    function test_views_unknownPolicyIsZero() public view {
        (address h,, uint256 coverage,,,,,,,) = pool.getPolicy(POLICY);
        vm.assertEq(h, address(0));
        vm.assertEq(coverage, 0);
        vm.assertEq(pool.remainingCoverage(POLICY), 0);
    }

    /// @dev Payouts stay within the coverage, inside the paid cover, and are always payable
    /// (exposure is backed by capital), whatever the claims, their times and a governance withdrawal.
    function testFuzz_payClaim_boundedByCoverAndCoverage(
        uint64 coverage,
        uint64 funding,
        uint64 a1,
        uint64 a2,
        uint32 t1,
        uint64 withdrawal
    ) public {
        uint256 f = bound(funding, 1, 10_000e6);
        uint256 c = bound(coverage, 1, f);
        uint256 x1 = bound(a1, 1, 6_000e6);
        uint256 x2 = bound(a2, 1, 6_000e6);
        _fund(f);
        _create(c, 10e6);
        vm.warp(T0 + 1 days);
        vm.prank(holder);
        pool.payPremium(POLICY, 10e6); // cover starts at T0 + 1 day
        uint256 w = bound(withdrawal, 0, pool.freeCapital());
        if (w > 0) {
            vm.prank(admin);
            pool.withdrawCapital(makeAddr("treasury"), w);
        }
        vm.warp(uint256(EXPIRY) + 1);
        uint64 incidentTime = uint64(bound(t1, T0, uint256(EXPIRY) + 1));
        bool covered = incidentTime >= T0 + 1 days && incidentTime <= EXPIRY;
        uint256 paid;
        uint256[2] memory claims = [x1, x2];
        bytes32[2] memory incidents = [INCIDENT, INCIDENT2];
        for (uint256 i = 0; i < 2; ++i) {
            uint256 remaining = c - paid;
            if (!covered) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        InsurancePool.IncidentOutsideCover.selector, POLICY, incidentTime, uint64(T0 + 1 days), EXPIRY
                    )
                );
            } else if (claims[i] > remaining) {
                vm.expectRevert(
                    abi.encodeWithSelector(InsurancePool.ExceedsRemainingCoverage.selector, POLICY, remaining, claims[i])
                );
            } else {
                paid += claims[i];
            }
            vm.prank(payer);
            pool.payClaim(POLICY, incidents[i], incidentTime, claims[i]);
        }
        vm.assertEq(pool.totalPaidOut(), paid);
        vm.assertLe(paid, c);
        vm.assertLe(pool.totalExposure(), pool.poolBalance());
    }
}
