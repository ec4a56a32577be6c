using System.Text.Json;
using MLGov.Platform.Http;
using MLGov.Voting.Domain.Proposals;

namespace MLGov.Voting.Proposals;

/// <summary>
/// Where a proposal is in its life. <see cref="Open"/> covers pending (before the start) and active (until the end);
/// the timer closes and tallies it (<see cref="Closed"/>); posting the result to the finalizer makes it
/// <see cref="Finalizing"/>, then <see cref="Finalized"/> (and <see cref="Executed"/> once its call ran through the
/// timelock), or <see cref="Disputed"/>.
/// </summary>
public enum ProposalStatus
{
    Open,
    Closed,
    Finalizing,
    Finalized,
    Executed,
    Disputed,

    /// <summary>The dispute vote decided the posted result was wrong; governance rejected it on chain.</summary>
    Rejected,
}

/// <summary>
/// A proposal as stored (partition <c>proposal:{id}</c>, row <c>proposal</c>): the fixed terms (JSON), the status and,
/// once tallied, the result (JSON), its hash and the votes root; the transaction hashes of the chain steps as they settle.
/// <see cref="End"/> and <see cref="Status"/> are columns of their own so the closing timer can find due proposals.
/// <see cref="PendingIntent"/> is the chain intent in flight for the proposal (one at a time; its outcome clears it),
/// <see cref="ChainAttempts"/> counts reverted steps; <see cref="DisputeProposalId"/> is the vote that decides this
/// proposal's dispute, <see cref="DisputedProposalId"/> the proposal a dispute vote decides. <see cref="Delegated"/> (JSON, voter →
/// decimal) is the weight delegated to voters, fixed when the proposal is tallied.
/// </summary>
public sealed record ProposalRecord(
    string ProposalId,
    string SpaceId,
    string Terms,
    ProposalStatus Status,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Author,
    DateTimeOffset CreatedAt,
    string? Result = null,
    string? ResultHash = null,
    string? VotesRoot = null,
    DateTimeOffset? ClosedAt = null,
    string? PostTransaction = null,
    string? FinalizeTransaction = null,
    string? ExecuteTransaction = null,
    string? DisputeTransaction = null,
    string? ChainError = null,
    string? PendingIntent = null,
    int ChainAttempts = 0,
    string? DisputeProposalId = null,
    string? DisputedProposalId = null,
    string? Delegated = null)
{
    public static ProposalRecord Of(ProposalDefinition terms) =>
        new(terms.Id, terms.Space, JsonSerializer.Serialize(terms, ApiJson.Options), ProposalStatus.Open, terms.Start, terms.End, terms.Author, terms.CreatedAt);

    public ProposalDefinition ToTerms() =>
        JsonSerializer.Deserialize<ProposalDefinition>(Terms, ApiJson.Options) ?? throw new InvalidDataException($"Proposal '{ProposalId}' has no terms.");

    /// <summary>The state shown to clients: pending, active, closed, finalizing, finalized, executed or disputed.</summary>
    public string StateAt(DateTimeOffset now) => Status switch
    {
        ProposalStatus.Open when now < Start => "pending",
        ProposalStatus.Open when now < End => "active",
        ProposalStatus.Open => "closing",
        _ => Status.ToString().ToLowerInvariant(),
    };
}
