namespace MLGov.Operations.Voting;

/// <summary>
/// One line of a proposal's vote export as the voting service writes it (<c>GET /api/voting/proposals/{id}/votes</c>,
/// its <c>ExportedVote</c>): what was signed (proposal, voter, choice, timestamp; the DID for DID votes), the vote id, the
/// kind (<c>eip712</c> or <c>jws</c>), the proof (the 0x signature or the compact JWS), the voter's own weight and, once
/// tallied, the weight delegated to the voter; the vote counts both.
/// </summary>
internal sealed record ExportedVoteLine(
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
    /// <summary>What the vote counts: own weight plus delegated weight (both already checked as decimal integers).</summary>
    public string CountedWeight() => Delegated is null
        ? Weight
        : (System.Numerics.BigInteger.Parse(Weight, System.Globalization.CultureInfo.InvariantCulture) + System.Numerics.BigInteger.Parse(Delegated, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
