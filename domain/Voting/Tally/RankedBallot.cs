using System.Numerics;

namespace MLGov.Voting.Domain.Tally;

/// <summary>One ranked ballot: the ranking as cast (1-based choices, first preference first, 0 for a skipped rank) and its weight.</summary>
public readonly record struct RankedBallot(ReadOnlyMemory<int> Ranking, BigInteger Weight);
