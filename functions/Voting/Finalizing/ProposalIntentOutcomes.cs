using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;
using MLGov.Voting.Proposals;

namespace MLGov.Voting.Finalizing;

/// <summary>
/// Records how a proposal's chain step settled, in the proposal's partition with the intent's outcome: the transaction hash
/// and the next status when it mined (posted: finalizing; finalized: finalized, with proposal.finalized; executed:
/// executed), the error and one more attempt when it reverted. Either way the step is no longer pending, so the follower
/// takes the next one (or tries this one again).
/// </summary>
public sealed class ProposalIntentOutcomes : IChainIntentOutcomeHandler
{
    private readonly ProposalStore _proposals;

    public ProposalIntentOutcomes(ProposalStore proposals)
    {
        _proposals = proposals;
    }

    public bool HandlesKind(string kind) => ProposalIntents.Kinds.Contains(kind);

    public async Task OnSettledAsync(ChainIntentOutcome outcome, PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(batch);
        var stored = await _proposals.GetAsync(outcome.SourcePartition["proposal:".Length..], cancellationToken).ConfigureAwait(false);
        var proposal = stored.Value with { PendingIntent = stored.Value.PendingIntent == outcome.IntentId ? null : stored.Value.PendingIntent };
        if (!outcome.IsMined)
        {
            batch.Update(stored, proposal with { ChainAttempts = proposal.ChainAttempts + 1, ChainError = $"{outcome.Kind}: {outcome.ErrorName ?? outcome.Error ?? outcome.Outcome}" });
            return;
        }

        var hash = outcome.TransactionHash;
        switch (outcome.Kind)
        {
            case ProposalIntents.Post:
                batch.Update(stored, proposal with { Status = ProposalStatus.Finalizing, PostTransaction = hash, ChainError = null });
                break;
            case ProposalIntents.Finalize:
                batch.Update(stored, proposal with { Status = ProposalStatus.Finalized, FinalizeTransaction = hash, ChainError = null });
                ChainFollower.Finalized(proposal, hash)(batch, outcome.SettledAt);
                break;
            case ProposalIntents.Execute:
                batch.Update(stored, proposal with { Status = ProposalStatus.Executed, ExecuteTransaction = hash, ChainError = null });
                break;
            default:
                batch.Update(stored, proposal with { ChainError = null });
                break;
        }
    }
}
