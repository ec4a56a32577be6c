namespace MLGov.Voting.Domain.Signing;

/// <summary>
/// What a voter signs: the proposal (32 bytes), the voter's address, the choice's canonical text and the time of the
/// vote in Unix seconds (which orders a voter's votes when they may change it).
/// </summary>
public sealed record VoteMessage(ReadOnlyMemory<byte> ProposalId, string Voter, string Choice, ulong Timestamp);
