using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// The voter's provider reputation score (a non-negative integer) from the <see cref="IReputationSource"/> the service
/// has. Risk publishes no such score today: the strategy can be written and stored, but a weight read with it is refused
/// by <see cref="WeightReader"/> as long as the source is <see cref="NoReputationSource"/>; no value is ever made up.
/// </summary>
public sealed record ReputationStrategy(BigInteger Multiplier, BigInteger Divisor)
    : WeightStrategy(Multiplier, Divisor)
{
    /// <inheritdoc/>
    public override WeightStrategyKind Kind => WeightStrategyKind.Reputation;

    internal override string SourceKey => "reputation";
}
