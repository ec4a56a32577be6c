using System.Numerics;
using MLGov.Contracts.GovernanceFinalizer;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The governance finalizer (GovernanceFinalizer): a <c>FINALIZER_ROLE</c> account posts a
/// proposal's result hash and votes root with a bond in the governance token, anyone may dispute it
/// during the challenge window with a bond, governance (the admin) resolves disputes and may cancel,
/// and anyone finalizes it once before it expires (running the recorded call, if any) or expires it.
/// Approve the finalizer for the bonds first.
/// Used by the Voting app; vote leaves are built with <c>MLGov.Core.Merkle.ProposalVoteLeafEncoder</c>.
/// </summary>
public interface IGovernanceFinalizerService : IAccessControlService
{
    Task<byte[]> FinalizerRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>The governance token of the bonds.</summary>
    Task<string> BondTokenQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> ProposalBondQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> DisputeBondQueryAsync(CancellationToken cancellationToken);

    /// <summary>Seconds after the challenge window during which a result can be finalized.</summary>
    Task<ulong> FinalizationPeriodQueryAsync(CancellationToken cancellationToken);

    /// <summary>The challenge window in seconds, fixed at deployment.</summary>
    Task<ulong> ChallengeWindowQueryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Posts a result with the proposal bond (a first one, or a new round after a rejection or expiry). <paramref name="target"/> null
    /// means no call on finalize. Emits <c>ResultPostedEvent</c>.
    /// </summary>
    Task<ContractReceipt> PostResultRequestAndWaitForReceiptAsync(byte[] proposalId, byte[] resultHash, byte[] votesRoot, string? target, byte[]? callData, CancellationToken cancellationToken);

    /// <summary>Anyone: disputes the posted result with the dispute bond while the window is open. Emits <c>ResultDisputedEvent</c>.</summary>
    Task<ContractReceipt> DisputeRequestAndWaitForReceiptAsync(byte[] proposalId, string reason, CancellationToken cancellationToken);

    /// <summary>Finalizes once the window has passed, before the result expires. Emits <c>ResultFinalizedEvent</c>.</summary>
    Task<ContractReceipt> FinalizeRequestAndWaitForReceiptAsync(byte[] proposalId, CancellationToken cancellationToken);

    /// <summary>Admin (the timelock): resolves a dispute; the loser's bond goes to the winner. Emits <c>DisputeResolvedEvent</c>.</summary>
    Task<ContractReceipt> ResolveDisputeRequestAndWaitForReceiptAsync(byte[] proposalId, bool resultStands, string reason, CancellationToken cancellationToken);

    /// <summary>Anyone, once the result expired unfinalized: closes it and returns the bonds. Emits <c>ResultExpiredAtEvent</c>.</summary>
    Task<ContractReceipt> ExpireRequestAndWaitForReceiptAsync(byte[] proposalId, CancellationToken cancellationToken);

    /// <summary>Admin (the timelock): cancels a posted or disputed result for good, returning the bonds. Emits <c>ResultCancelledEvent</c>.</summary>
    Task<ContractReceipt> CancelRequestAndWaitForReceiptAsync(byte[] proposalId, string reason, CancellationToken cancellationToken);

    /// <summary>Who holds bonds in the result, and when it expires.</summary>
    Task<GetResultBondsOutput> GetResultBondsQueryAsync(byte[] proposalId, CancellationToken cancellationToken);

    /// <summary>Whether the vote is in the proposal's finalized votes root (false unless the result is finalized).</summary>
    Task<bool> VerifyVoteQueryAsync(byte[] proposalId, string voter, byte[] choiceHash, BigInteger weight, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken);

    /// <summary>The contract's own leaf hash of a vote on a proposal (bound to this chain and contract).</summary>
    Task<byte[]> VoteLeafQueryAsync(byte[] proposalId, string voter, byte[] choiceHash, BigInteger weight, CancellationToken cancellationToken);

    /// <summary>The proposal's result; <c>Status</c> values are named by <see cref="ResultStatus"/>.</summary>
    Task<GetResultOutput> GetResultQueryAsync(byte[] proposalId, CancellationToken cancellationToken);
}
