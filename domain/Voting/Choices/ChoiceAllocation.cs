namespace MLGov.Voting.Domain.Choices;

/// <summary>One entry of a weighted or quadratic choice: a 1-based choice number and the voter's integer parts for it.</summary>
public readonly record struct ChoiceAllocation(int Choice, long Parts);
