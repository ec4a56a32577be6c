using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// Picks the one vote that counts per voter, independent of the order votes arrive in. With changes allowed the
/// latest wins: the greatest timestamp, then (same second) the greatest <see cref="CastVote.Id"/> compared as
/// unsigned bytes. Without changes the first stands: the smallest timestamp, then the smallest id. Voters are compared
/// by address, case-insensitively. The result is ordered by voter address (lower-case hex), the order of the export
/// and of the counted votes.
/// </summary>
public static class VoteSelection
{
    public static IReadOnlyList<CastVote> Select(IEnumerable<CastVote> votes, bool votesMayChange)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var chosen = new Dictionary<string, CastVote>(StringComparer.OrdinalIgnoreCase);
        foreach (var vote in votes)
        {
            if (!EvmAddress.IsValid(vote.Voter))
            {
                throw ValidationException.For("voter", EvmAddress.Problem("The voter"));
            }

            if (vote.Weight.Sign <= 0)
            {
                throw ValidationException.For("weight", $"The weight of {vote.Voter} must be a positive integer.");
            }

            if (!chosen.TryGetValue(vote.Voter, out var current) || Preferred(vote, current, votesMayChange))
            {
                chosen[vote.Voter] = vote;
            }
        }

        var result = chosen.Values.ToArray();
        Array.Sort(result, (a, b) => string.Compare(a.Voter, b.Voter, StringComparison.OrdinalIgnoreCase));
        return result;
    }

    private static bool Preferred(CastVote candidate, CastVote current, bool latestWins)
    {
        var order = candidate.Timestamp.CompareTo(current.Timestamp);
        if (order == 0)
        {
            order = candidate.Id.Span.SequenceCompareTo(current.Id.Span);
        }

        return latestWins ? order > 0 : order < 0;
    }
}
