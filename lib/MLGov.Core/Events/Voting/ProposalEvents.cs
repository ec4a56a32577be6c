using MLGov.Core.Identifiers;

namespace MLGov.Core.Events.Voting;

/// <summary>A proposal was opened in a space: its id (the 32-byte id votes sign, 0x hex), voting window, snapshot block and type.</summary>
public sealed record ProposalCreatedV1(
    string ProposalId,
    string SpaceId,
    string Title,
    string Type,
    string Author,
    long Snapshot,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Shielded,
    DateTimeOffset CreatedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.voting.proposal.created.v1";

    public static string Topic => EventTopics.Voting;

    string IIntegrationEvent.Subject => "proposals/" + ProposalId;

    public IEnumerable<string> Validate() => ProposalEventRules.Check(ProposalId, SpaceId);
}

/// <summary>
/// A proposal's voting closed and its votes were tallied: the outcome (<c>passed</c>, <c>rejected</c>, <c>tied</c>,
/// <c>quorum-not-met</c>, <c>no-votes</c>), the winning choice numbers (1-based), the result hash and votes root posted to
/// the finalizer, and the number of counted votes.
/// </summary>
public sealed record ProposalClosedV1(
    string ProposalId,
    string SpaceId,
    string Outcome,
    IReadOnlyList<int> Winners,
    string ResultHash,
    string? VotesRoot,
    int CountedVotes,
    DateTimeOffset ClosedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.voting.proposal.closed.v1";

    public static string Topic => EventTopics.Voting;

    string IIntegrationEvent.Subject => "proposals/" + ProposalId;

    public IEnumerable<string> Validate() => ProposalEventRules.Check(ProposalId, SpaceId);
}

/// <summary>A proposal's result was finalized on chain (its challenge window passed, or its dispute was rejected); <see cref="TransactionHash"/> is the finalize transaction.</summary>
public sealed record ProposalFinalizedV1(
    string ProposalId,
    string SpaceId,
    string ResultHash,
    string? VotesRoot,
    string TransactionHash,
    bool HasCall,
    DateTimeOffset FinalizedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.voting.proposal.finalized.v1";

    public static string Topic => EventTopics.Voting;

    string IIntegrationEvent.Subject => "proposals/" + ProposalId;

    public IEnumerable<string> Validate() => ProposalEventRules.Check(ProposalId, SpaceId);
}

/// <summary>
/// A proposal's posted result was disputed on chain by <see cref="Challenger"/> (transaction <see cref="TransactionHash"/>);
/// <see cref="DisputeProposalId"/> is the proposal the space votes on to decide it.
/// </summary>
public sealed record ProposalDisputedV1(
    string ProposalId,
    string SpaceId,
    string Challenger,
    string Reason,
    string TransactionHash,
    string? DisputeProposalId,
    DateTimeOffset DisputedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.voting.proposal.disputed.v1";

    public static string Topic => EventTopics.Voting;

    string IIntegrationEvent.Subject => "proposals/" + ProposalId;

    public IEnumerable<string> Validate() => ProposalEventRules.Check(ProposalId, SpaceId);
}

internal static class ProposalEventRules
{
    public static IEnumerable<string> Check(string proposalId, string spaceId)
    {
        if (proposalId is not { Length: 66 } || !proposalId.StartsWith("0x", StringComparison.Ordinal) || !proposalId.Skip(2).All(char.IsAsciiHexDigit))
        {
            yield return "proposalId is a 32-byte id in 0x hex";
        }

        if (!ResourceId.IsValid(spaceId))
        {
            yield return ResourceId.Problem("spaceId");
        }
    }
}
