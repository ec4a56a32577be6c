using System.Numerics;
using MLGov.Voting.Domain.Choices;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// A vote as received, its signature already checked: the voter's address, the validated choice, the voter's weight
/// (a positive integer from the weight strategies), the signed timestamp (Unix seconds) and <see cref="Id"/>, the
/// vote's unique id (the EIP-712 digest of what was signed), which breaks ties between two votes of one voter with the
/// same timestamp.
/// </summary>
public sealed record CastVote(string Voter, VoteChoice Choice, BigInteger Weight, long Timestamp, ReadOnlyMemory<byte> Id);
