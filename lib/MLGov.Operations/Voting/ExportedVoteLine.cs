namespace MLGov.Operations.Voting;

/// <summary>
/// One line of a proposal's vote export as the voting service writes it (<c>GET /api/voting/proposals/{id}/votes</c>,
/// its <c>ExportedVote</c>): what was signed (proposal, voter, choice, timestamp; the DID for DID votes), the vote id, the
/// kind (<c>eip712</c> or <c>jws</c>), the proof (the 0x signature or the compact JWS) and the voter's weight.
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
    string Weight);
