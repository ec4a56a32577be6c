using System.Numerics;

namespace MLGov.Core.Merkle;

/// <summary>
/// One leaf of a proposal's votes root: a counted vote with the hash of the voter's canonical choice
/// and its counted weight in integer units (GovernanceFinalizer, leaf types <c>["address", "bytes32", "uint256"]</c>).
/// </summary>
public sealed record CountedVote(string Voter, ReadOnlyMemory<byte> ChoiceHash, BigInteger Weight);
