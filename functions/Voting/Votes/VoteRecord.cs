using MLGov.Voting.Domain.Votes;

namespace MLGov.Voting.Votes;

/// <summary>
/// A voter's vote on a proposal as stored (partition <c>votes:{proposal}:{shard}</c>, row <c>voter:{address}</c>): what was
/// signed (<see cref="SignedAt"/>: the signed timestamp, Unix seconds) and its proof, so the export lets anyone check it again, and <see cref="Weight"/>, the voter's own weight at
/// the snapshot (decimal integer) from the proposal's strategies.
/// </summary>
public sealed record VoteRecord(
    string ProposalId,
    string Voter,
    string? Did,
    string Choice,
    long SignedAt,
    string VoteId,
    string Kind,
    string Proof,
    string Weight,
    DateTimeOffset ReceivedAt)
{
    public static VoteRecord Of(string proposalId, AcceptedVote vote, System.Numerics.BigInteger weight, DateTimeOffset now) =>
        new(proposalId, vote.Voter, vote.Did, vote.Choice, vote.Timestamp, vote.Id, vote.Kind, vote.Proof, weight.ToString(System.Globalization.CultureInfo.InvariantCulture), now);

    /// <summary>The vote as an export line, with the weight delegated to the voter once the proposal is tallied.</summary>
    public ExportedVote ToExported(IReadOnlyDictionary<string, string>? delegated = null) =>
        new(ProposalId, Voter, Did, Choice, SignedAt, VoteId, Kind, Proof, Weight, delegated?.GetValueOrDefault(Voter));
}
