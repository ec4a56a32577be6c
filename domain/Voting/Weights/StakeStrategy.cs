using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// The voter's <b>bonded</b> stake as a provider in the StakingPool at <paramref name="Pool"/>, read at the snapshot
/// block: on the service <paramref name="ServiceId"/> (0x and 64 hex digits) when given, else summed over every service
/// the voter had staked on by then. Unbonding stake does not count (its owner has asked to leave), nor does stake
/// slashed or unbonded before the snapshot; stake added after it does not count either.
/// </summary>
public sealed record StakeStrategy(string Pool, string? ServiceId, BigInteger Multiplier, BigInteger Divisor)
    : WeightStrategy(Multiplier, Divisor)
{
    /// <inheritdoc/>
    public override WeightStrategyKind Kind => WeightStrategyKind.Stake;

    internal override string SourceKey => "stake|" + Pool?.ToLowerInvariant() + "|" + ServiceId?.ToLowerInvariant();
}
