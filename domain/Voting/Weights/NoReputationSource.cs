using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// There is no provider reputation score to read (Risk publishes none yet). It says so in <see cref="Unavailable"/>
/// and never makes up a value: <see cref="ScoresAsync"/> throws.
/// </summary>
public sealed class NoReputationSource : IReputationSource
{
    /// <summary>The one instance.</summary>
    public static NoReputationSource Instance { get; } = new();

    private NoReputationSource()
    {
    }

    /// <inheritdoc/>
    public string Unavailable => "No provider reputation source: Risk publishes no reputation score yet, so a reputation strategy cannot be weighed.";

    /// <inheritdoc/>
    public Task<IReadOnlyList<BigInteger>> ScoresAsync(IReadOnlyList<string> providers, ulong snapshotBlock, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Unavailable);
}
