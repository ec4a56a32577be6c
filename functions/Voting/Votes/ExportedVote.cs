namespace MLGov.Voting.Votes;

/// <summary>
/// One line of a proposal's vote export (JSON Lines): what was signed (proposal, voter, choice, timestamp; the DID for
/// DID votes), the vote id, the kind (<c>eip712</c> or <c>jws</c>), the proof (the signature, or the compact JWS) and the
/// voter's own weight at the snapshot; once tallied, <see cref="Delegated"/>, the weight delegators who did not vote passed
/// on to the voter. With the proposal's terms this is all a tally needs: each vote counts weight + delegated.
/// </summary>
public sealed record ExportedVote(
    string Proposal,
    string Voter,
    string? Did,
    string Choice,
    long Timestamp,
    string Id,
    string Kind,
    string Proof,
    string Weight,
    string? Delegated = null)
{
    public static ExportedVote From(VoteRecord vote, IReadOnlyDictionary<string, string>? delegated = null) =>
        new(vote.ProposalId, vote.Voter, vote.Did, vote.Choice, vote.SignedAt, vote.VoteId, vote.Kind, vote.Proof, vote.Weight, delegated?.GetValueOrDefault(vote.Voter));
}
