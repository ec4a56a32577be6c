using System.Numerics;

namespace MLGov.Core.Merkle;

/// <summary>
/// One leaf of a proposal's votes root as the GovernanceFinalizer checks it: a counted vote bound to
/// the chain, the finalizer contract and the proposal, so its proof is valid for that result only
/// (leaf types <c>["uint256", "address", "bytes32", "address", "bytes32", "uint256"]</c>).
/// </summary>
public sealed record ProposalVote(BigInteger ChainId, string Finalizer, ReadOnlyMemory<byte> ProposalId, string Voter, ReadOnlyMemory<byte> ChoiceHash, BigInteger Weight);
