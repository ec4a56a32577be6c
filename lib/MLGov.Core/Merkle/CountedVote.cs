using System.Numerics;

namespace MLGov.Core.Merkle;

/// <summary>
/// A counted vote with the hash of the voter's canonical choice and its counted weight in integer
/// units (leaf types <c>["address", "bytes32", "uint256"]</c>). The GovernanceFinalizer's leaves bind
/// it to a chain, finalizer and proposal: see <see cref="ProposalVote"/>.
/// </summary>
public sealed record CountedVote(string Voter, ReadOnlyMemory<byte> ChoiceHash, BigInteger Weight);
