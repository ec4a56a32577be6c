namespace MLGov.Voting.Domain.Choices;

/// <summary>The wire names of <see cref="VotingType"/>: <c>basic</c>, <c>single-choice</c>, <c>approval</c>, <c>weighted</c>, <c>quadratic</c>, <c>ranked-choice</c>.</summary>
public static class VotingTypes
{
    private static readonly (VotingType Type, string Name)[] Names =
    [
        (VotingType.Basic, "basic"),
        (VotingType.SingleChoice, "single-choice"),
        (VotingType.Approval, "approval"),
        (VotingType.Weighted, "weighted"),
        (VotingType.Quadratic, "quadratic"),
        (VotingType.RankedChoice, "ranked-choice"),
    ];

    public static string NameOf(VotingType type) => Names.Single(n => n.Type == type).Name;

    public static bool TryParse(string? name, out VotingType type)
    {
        foreach (var (candidate, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
