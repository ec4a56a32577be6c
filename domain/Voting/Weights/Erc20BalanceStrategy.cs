using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// The voter's <c>balanceOf</c> of the ERC-20 at <paramref name="Token"/>, read at the proposal's snapshot block (so
/// tokens moved after the snapshot do not count), in the token's minor units. A <paramref name="Divisor"/> of
/// 10^decimals counts whole tokens (floor).
/// </summary>
public sealed record Erc20BalanceStrategy(string Token, BigInteger Multiplier, BigInteger Divisor)
    : WeightStrategy(Multiplier, Divisor)
{
    /// <inheritdoc/>
    public override WeightStrategyKind Kind => WeightStrategyKind.Erc20Balance;

    internal override string SourceKey => "erc20-balance|" + Token?.ToLowerInvariant();
}
