using System.Numerics;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// One round of an instant runoff. <see cref="Totals"/>: per choice (index 0 is choice 1), the weight of the ballots
/// whose highest-ranked continuing choice it is (0 for a choice eliminated earlier). <see cref="Exhausted"/> and
/// <see cref="ExhaustedBallots"/>: the weight and number of ballots exhausted so far (every ranked choice eliminated).
/// <see cref="Active"/>: the weight of the ballots still counting (Σ totals; totals + exhausted = all weight).
/// <see cref="Eliminated"/>: the choice eliminated at the end of this round, none in the last round.
/// </summary>
public sealed record RankedChoiceRound(int Number, IReadOnlyList<BigInteger> Totals, BigInteger Exhausted, long ExhaustedBallots, BigInteger Active, int? Eliminated);
