using System.Text.Json;

namespace MLGov.Voting.Votes;

/// <summary>
/// A vote: either <see cref="TypedData"/> (exactly the document GET …/typed-data served, as the wallet signed it) with
/// <see cref="Signature"/> (the 65-byte <c>eth_signTypedData_v4</c> signature, 0x hex), or <see cref="Jws"/>, a compact JWS by a
/// key under the voting DID's <c>authentication</c> over <c>{proposal, chainId, finalizer, voter, choice, timestamp}</c>.
/// </summary>
public sealed record VoteRequest(JsonElement? TypedData = null, string? Signature = null, string? Jws = null);

/// <summary>The vote that stands for the voter after a cast.</summary>
public sealed record VoteResource(
    string Proposal,
    string Voter,
    string? Did,
    string Choice,
    long Timestamp,
    string Id,
    string Kind,
    string Weight,
    DateTimeOffset ReceivedAt)
{
    public static VoteResource From(VoteRecord vote) =>
        new(vote.ProposalId, vote.Voter, vote.Did, vote.Choice, vote.SignedAt, vote.VoteId, vote.Kind, vote.Weight, vote.ReceivedAt);
}
