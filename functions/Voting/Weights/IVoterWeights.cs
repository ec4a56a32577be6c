using System.Numerics;
using MLGov.Voting.Domain.Proposals;

namespace MLGov.Voting.Weights;

/// <summary>A voter's own weight on a proposal: the sum of the proposal's weight strategies at its snapshot block.</summary>
public interface IVoterWeights
{
    /// <param name="terms">The proposal.</param>
    /// <param name="voter">The address the vote is counted under.</param>
    /// <param name="credentialShown">Whether the voter showed the proposal's eligibility credential (the <c>credential</c> strategy counts it).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<BigInteger> WeightOfAsync(ProposalDefinition terms, string voter, bool credentialShown, CancellationToken cancellationToken);

    /// <summary>The total eligible weight at the snapshot, for a quorum in basis points; null when the strategies cannot know it.</summary>
    Task<BigInteger?> TotalWeightAsync(ProposalDefinition terms, CancellationToken cancellationToken);

    /// <summary>The own weights of addresses that did not vote (delegators), none of them showing a credential.</summary>
    Task<IReadOnlyDictionary<string, BigInteger>> BaseWeightsAsync(ProposalDefinition terms, IReadOnlyList<string> addresses, CancellationToken cancellationToken);
}
