using System.Numerics;
using MLGov.Contracts.StakingPool;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The staking pool (StakingPool): providers stake an ERC-20 against a service, unbond with a delay
/// and withdraw; a <c>SLASHER_ROLE</c> account slashes once per (provider, service, incident), never
/// beyond the stake, into the insurance pool. Stake, unbond and withdraw act for the sender. Used by
/// the Risk app.
/// </summary>
public interface IStakingPoolService : IAccessControlService
{
    Task<byte[]> SlasherRoleQueryAsync(CancellationToken cancellationToken);

    Task<string> StakingTokenQueryAsync(CancellationToken cancellationToken);

    /// <summary>Seconds between an unbonding request and the earliest withdraw.</summary>
    Task<ulong> UnbondingDelayQueryAsync(CancellationToken cancellationToken);

    Task<string> InsurancePoolQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalBondedQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalUnbondingQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalStakedQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalSlashedQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalWithdrawnQueryAsync(CancellationToken cancellationToken);

    /// <summary>Admin: where slashed stake goes (its asset must be the staking token). Emits <c>InsurancePoolSetEvent</c>.</summary>
    Task<ContractReceipt> SetInsurancePoolRequestAndWaitForReceiptAsync(string pool, CancellationToken cancellationToken);

    /// <summary>Pulls <paramref name="amount"/> from the sender as bonded stake (approve the pool first). Emits <c>StakedEvent</c>.</summary>
    Task<ContractReceipt> StakeRequestAndWaitForReceiptAsync(byte[] serviceId, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Moves bonded stake to unbonding; all of it becomes withdrawable after the delay. Emits <c>UnbondRequestedEvent</c>.</summary>
    Task<ContractReceipt> RequestUnbondRequestAndWaitForReceiptAsync(byte[] serviceId, BigInteger amount, CancellationToken cancellationToken);

    /// <summary>Pays out all unbonding stake once the delay has passed. Emits <c>WithdrawnEvent</c>.</summary>
    Task<ContractReceipt> WithdrawRequestAndWaitForReceiptAsync(byte[] serviceId, CancellationToken cancellationToken);

    /// <summary>Slasher: takes <paramref name="amount"/> of the provider's stake into the insurance pool. Emits <c>SlashedEvent</c>.</summary>
    Task<ContractReceipt> SlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, BigInteger amount, byte[] incidentId, string reason, CancellationToken cancellationToken);

    Task<PositionOfOutput> PositionOfQueryAsync(string provider, byte[] serviceId, CancellationToken cancellationToken);

    Task<bool> IsSlashedQueryAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken);
}
