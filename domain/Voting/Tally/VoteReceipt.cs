using MLGov.Core.Merkle;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// A voter's proof that their vote was counted: the leaf as the GovernanceFinalizer's <c>verifyVote</c> takes it
/// (chain, finalizer, proposal, voter, choice hash, counted weight), the sibling hashes from the leaf to the root, and the root.
/// </summary>
public sealed record VoteReceipt(ProposalVote Leaf, IReadOnlyList<byte[]> Proof, byte[] Root);
