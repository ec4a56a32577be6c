using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Proposals;

/// <summary>
/// A proposal as the API shows it: its terms, its state (pending, active, closing, closed, finalizing, finalized,
/// executed, disputed, rejected), and once tallied the result, its hash and the votes root; the chain transactions as they
/// settle; the dispute vote deciding this proposal's disputed result, or the proposal a dispute vote decides.
/// </summary>
public sealed record ProposalResource(
    string Id,
    string State,
    ProposalDefinition Terms,
    ProposalResult? Result,
    string? ResultHash,
    string? VotesRoot,
    DateTimeOffset? ClosedAt,
    ProposalTransactions Transactions,
    string? DisputeProposalId,
    string? DisputedProposalId)
{
    public static ProposalResource From(ProposalRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.ProposalId,
            record.StateAt(now),
            record.ToTerms(),
            ProposalResult.Parse(record.Result),
            record.ResultHash,
            record.VotesRoot,
            record.ClosedAt,
            new ProposalTransactions(record.PostTransaction, record.FinalizeTransaction, record.ExecuteTransaction, record.DisputeTransaction, record.ChainError),
            record.DisputeProposalId,
            record.DisputedProposalId);
    }
}

/// <summary>The hashes of the proposal's chain transactions: result posted, finalized, call executed, disputed; and the last chain error.</summary>
public sealed record ProposalTransactions(string? Post, string? Finalize, string? Execute, string? Dispute, string? Error);
