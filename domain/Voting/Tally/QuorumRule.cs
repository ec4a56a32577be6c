using System.Numerics;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// How much weight must take part for a result to count: none, an absolute weight, or basis points (1/10,000) of the
/// total eligible weight. Participation is the summed weight of the counted voters, abstentions included.
/// </summary>
public sealed record QuorumRule
{
    private QuorumRule(QuorumKind kind, BigInteger value)
    {
        Kind = kind;
        Value = value;
    }

    public QuorumKind Kind { get; }

    /// <summary>The absolute weight, or the basis points.</summary>
    public BigInteger Value { get; }

    public static QuorumRule None { get; } = new(QuorumKind.None, BigInteger.Zero);

    public static QuorumRule Absolute(BigInteger weight) =>
        weight.Sign >= 0 ? new(QuorumKind.Absolute, weight) : throw new ArgumentOutOfRangeException(nameof(weight), "A quorum is not negative.");

    public static QuorumRule BasisPoints(int basisPoints) =>
        basisPoints is >= 0 and <= 10_000 ? new(QuorumKind.BasisPoints, basisPoints) : throw new ArgumentOutOfRangeException(nameof(basisPoints), "Basis points are 0 to 10,000.");

    /// <summary>Whether <paramref name="participating"/> meets the rule; basis points need the total eligible weight.</summary>
    public bool IsMet(BigInteger participating, BigInteger? totalWeight) => Kind switch
    {
        QuorumKind.None => true,
        QuorumKind.Absolute => participating >= Value,
        // participating / total >= bps / 10,000, in integers.
        _ => participating * 10_000 >= Value * (totalWeight ?? throw new InvalidOperationException("A quorum in basis points needs the total weight.")),
    };
}
