using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// What one voter counts with: <paramref name="Own"/> base weight plus <paramref name="Delegated"/>, the base weight of
/// the non-voting <paramref name="Delegators"/> (ordered by address) whose chain of delegations reaches this voter first.
/// </summary>
public sealed record DelegatedWeight(string Voter, BigInteger Own, BigInteger Delegated, IReadOnlyList<string> Delegators)
{
    /// <summary>The weight the voter's vote counts with.</summary>
    public BigInteger Total => Own + Delegated;
}
