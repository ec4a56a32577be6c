namespace MLGov.Voting.Domain.Signing;

/// <summary>A signed vote left out of a tally, by its index in the input, and why.</summary>
public sealed record VoteRefusal(int Index, string Voter, string Problem);
