using System.Numerics;
using MLGov.Contracts.StakingPool;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The staking pool (StakingPool): providers stake an ERC-20 against a service, unbond with a delay
/// and withdraw; a <c>SLASHER_ROLE</c> account proposes a slash once per (provider, service, incident),
/// naming the incident's time; after the veto window (during which the admin, the timelock, may
/// cancel it) anyone executes it, taking what is slashable (the stake held at the incident's time
/// that is still held) up to the proposed amount into the insurance pool. Stake, unbond and
/// withdraw act for the sender. Used by the Risk app.
/// </summary>
public interface IStakingPoolService : IGuardianPausableService
{
    Task<byte[]> SlasherRoleQueryAsync(CancellationToken cancellationToken);

    Task<string> StakingTokenQueryAsync(CancellationToken cancellationToken);

    /// <summary>Seconds between an unbonding request and the earliest withdraw.</summary>
    Task<ulong> UnbondingDelayQueryAsync(CancellationToken cancellationToken);

    /// <summary>Seconds between a slash proposal and its earliest execution.</summary>
    Task<ulong> SlashVetoWindowQueryAsync(CancellationToken cancellationToken);

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

    /// <summary>Slasher: proposes slashing up to <paramref name="amount"/> for an incident at <paramref name="incidentTime"/> (unix seconds). Emits <c>SlashProposedEvent</c>.</summary>
    Task<ContractReceipt> ProposeSlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, BigInteger amount, byte[] incidentId, ulong incidentTime, string reason, CancellationToken cancellationToken);

    /// <summary>Anyone, after the veto window: takes what is slashable, up to the proposal, into the insurance pool. Emits <c>SlashedEvent</c>.</summary>
    Task<ContractReceipt> ExecuteSlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken);

    /// <summary>Admin (the timelock): cancels a pending slash. Emits <c>SlashCancelledEvent</c>.</summary>
    Task<ContractReceipt> CancelSlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, byte[] incidentId, string reason, CancellationToken cancellationToken);

    Task<PositionOfOutput> PositionOfQueryAsync(string provider, byte[] serviceId, CancellationToken cancellationToken);

    /// <summary>The slash of (provider, service, incident), zeros when none was proposed.</summary>
    Task<GetSlashOutput> GetSlashQueryAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken);

    /// <summary>What a slash for an incident at <paramref name="incidentTime"/> could take now.</summary>
    Task<BigInteger> SlashableAtQueryAsync(string provider, byte[] serviceId, ulong incidentTime, CancellationToken cancellationToken);

    /// <summary>Whether the slash for the incident was executed.</summary>
    Task<bool> IsSlashedQueryAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken);
}
