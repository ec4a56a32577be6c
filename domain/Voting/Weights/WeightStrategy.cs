using System.Numerics;
using System.Text.Json.Serialization;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// One way a space or proposal turns something a voter has into voting weight. A strategy reads a non-negative integer
/// <c>value</c> for a voter (1 or 0 for a credential, a token balance, a bonded stake, a reputation score) and gives
/// <c>⌊value · Multiplier / Divisor⌋</c> (<see cref="Weigh"/>; multiplication first, then integer floor division).
/// A voter's base weight is the sum over the listed strategies. Validate lists with <see cref="WeightStrategies.Validate"/>;
/// the JSON shape is <see cref="WeightStrategies.ToJson"/> / <see cref="WeightStrategies.Parse(string)"/>.
/// </summary>
[JsonConverter(typeof(WeightStrategyJsonConverter))]
public abstract record WeightStrategy(BigInteger Multiplier, BigInteger Divisor)
{
    /// <summary>What the strategy measures.</summary>
    public abstract WeightStrategyKind Kind { get; }

    /// <summary>The weight a voter with <paramref name="value"/> gets from this strategy: <c>⌊value · Multiplier / Divisor⌋</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (no source gives a negative value).</exception>
    public BigInteger Weigh(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A strategy value is never negative.");
        }

        // Both factors are positive once validated and the value is not negative, so truncation is the floor.
        return value * Multiplier / Divisor;
    }

    /// <summary>What makes two strategies read the same thing (listing one source twice would count it twice).</summary>
    internal abstract string SourceKey { get; }
}
