using System.Numerics;
using MLGov.Contracts.GovernanceFinalizer;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The governance finalizer (GovernanceFinalizer): a <c>FINALIZER_ROLE</c> account posts a
/// proposal's result hash and votes root, a <c>CHALLENGER_ROLE</c> account may dispute it during the
/// challenge window, and afterwards anyone finalizes it once (running the recorded call, if any).
/// Used by the Voting app; vote leaves are built with <c>MLGov.Core.Merkle.VoteLeafEncoder</c>.
/// </summary>
public interface IGovernanceFinalizerService : IAccessControlService
{
    Task<byte[]> FinalizerRoleQueryAsync(CancellationToken cancellationToken);

    Task<byte[]> ChallengerRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>The challenge window in seconds, fixed at deployment.</summary>
    Task<ulong> ChallengeWindowQueryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Posts a result (a first one, or a new round after a dispute). <paramref name="target"/> null
    /// means no call on finalize. Emits <c>ResultPostedEvent</c>.
    /// </summary>
    Task<ContractReceipt> PostResultRequestAndWaitForReceiptAsync(byte[] proposalId, byte[] resultHash, byte[] votesRoot, string? target, byte[]? callData, CancellationToken cancellationToken);

    /// <summary>Disputes the posted result while the window is open. Emits <c>ResultDisputedEvent</c>.</summary>
    Task<ContractReceipt> DisputeRequestAndWaitForReceiptAsync(byte[] proposalId, string reason, CancellationToken cancellationToken);

    /// <summary>Finalizes once the window has passed. Emits <c>ResultFinalizedEvent</c>.</summary>
    Task<ContractReceipt> FinalizeRequestAndWaitForReceiptAsync(byte[] proposalId, CancellationToken cancellationToken);

    /// <summary>Whether the vote is in the proposal's current votes root (false when nothing was posted).</summary>
    Task<bool> VerifyVoteQueryAsync(byte[] proposalId, string voter, byte[] choiceHash, BigInteger weight, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken);

    /// <summary>The contract's own leaf hash of a vote.</summary>
    Task<byte[]> VoteLeafQueryAsync(string voter, byte[] choiceHash, BigInteger weight, CancellationToken cancellationToken);

    /// <summary>The proposal's result; <c>Status</c> values are named by <see cref="ResultStatus"/>.</summary>
    Task<GetResultOutput> GetResultQueryAsync(byte[] proposalId, CancellationToken cancellationToken);
}
