using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Domain.Signing;

/// <summary>A tally of signed votes: the result and the votes that were refused (with their reasons).</summary>
public sealed record SignedTally(TallyResult Result, IReadOnlyList<VoteRefusal> Refused);
