namespace MLGov.Voting.Domain.Votes;

/// <summary>
/// A vote whose signature and terms were checked. <see cref="Voter"/> is the address the vote is counted under (EIP-55):
/// the signer's for EIP-712 votes, for DID votes the DID's Ethereum address or one derived from the DID
/// (<see cref="DidVoters"/>). <see cref="Id"/> (0x hex, 32 bytes) identifies what was signed: the EIP-712 digest, or
/// keccak256 of the compact JWS. <see cref="Kind"/> is <c>eip712</c> or <c>jws</c>; <see cref="Proof"/> the signature
/// (0x hex) or the compact JWS, so anyone can check it again from the export.
/// </summary>
public sealed record AcceptedVote(string Voter, string? Did, string Choice, long Timestamp, string Id, string Kind, string Proof);

/// <summary>The wire names of the vote kinds.</summary>
public static class VoteKinds
{
    public const string Eip712 = "eip712";
    public const string Jws = "jws";
}
