using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>A voter's base weight at the snapshot: the sum of <paramref name="Parts"/>, one per strategy in the list's order.</summary>
public sealed record VoterWeight(string Voter, BigInteger Weight, IReadOnlyList<BigInteger> Parts);
