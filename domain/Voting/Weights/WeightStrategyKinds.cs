namespace MLGov.Voting.Domain.Weights;

/// <summary>The wire names of <see cref="WeightStrategyKind"/>: <c>credential</c>, <c>erc20-balance</c>, <c>stake</c>, <c>reputation</c>.</summary>
public static class WeightStrategyKinds
{
    private static readonly (WeightStrategyKind Kind, string Name)[] Names =
    [
        (WeightStrategyKind.Credential, "credential"),
        (WeightStrategyKind.Erc20Balance, "erc20-balance"),
        (WeightStrategyKind.Stake, "stake"),
        (WeightStrategyKind.Reputation, "reputation"),
    ];

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    public static string NameOf(WeightStrategyKind kind) => Names.Single(n => n.Kind == kind).Name;

    /// <summary>The kind named <paramref name="name"/> (exact, case-sensitive).</summary>
    public static bool TryParse(string? name, out WeightStrategyKind kind)
    {
        foreach (var (candidate, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
