using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// Where provider reputation scores come from for the <see cref="ReputationStrategy"/>. Risk provides none today, so
/// the only implementation is <see cref="NoReputationSource"/>; a source that exists returns null from
/// <see cref="Unavailable"/> and non-negative integer scores.
/// </summary>
public interface IReputationSource
{
    /// <summary>Null when scores can be read; otherwise why they cannot, in words for the caller.</summary>
    string? Unavailable { get; }

    /// <summary>Each provider's score as of <paramref name="snapshotBlock"/>, in the providers' order (0 for an unknown provider).</summary>
    Task<IReadOnlyList<BigInteger>> ScoresAsync(IReadOnlyList<string> providers, ulong snapshotBlock, CancellationToken cancellationToken);
}
