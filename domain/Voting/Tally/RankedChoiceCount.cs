namespace MLGov.Voting.Domain.Tally;

/// <summary>Every round of an instant runoff and its winner (none when every ballot is exhausted or there are none).</summary>
public sealed record RankedChoiceCount(IReadOnlyList<RankedChoiceRound> Rounds, int? Winner);
