using System.Globalization;
using System.Numerics;

namespace MLGov.Voting.Domain.Votes;

/// <summary>
/// One line of a proposal's vote export (JSON Lines), as the service writes it and the offline audit reads it: what was
/// signed (proposal, voter, choice, timestamp; the DID for DID votes), the vote id, the kind (<c>eip712</c> or <c>jws</c>),
/// the proof (the signature, or the compact JWS) and the voter's own weight at the snapshot; once tallied,
/// <see cref="Delegated"/>, the weight delegators who did not vote passed on to the voter. With the proposal's terms this is
/// all a tally needs: each vote counts <see cref="CountedWeight"/>.
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
    /// <summary>What the vote counts: own weight plus delegated weight (both decimal integers).</summary>
    public string CountedWeight() => Delegated is null
        ? Weight
        : (BigInteger.Parse(Weight, CultureInfo.InvariantCulture) + BigInteger.Parse(Delegated, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
}
