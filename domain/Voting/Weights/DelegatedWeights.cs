using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// Applies a space's delegations to the base weights of one proposal. Rules (transitive delegation):
/// <list type="bullet">
/// <item>A voter always counts their own base weight, and only once, whatever they delegated: voting overrides one's own
/// delegation for this proposal.</item>
/// <item>The weight of an address that did not vote flows along its chain of delegations (A → B → C …) to the
/// <b>first voter</b> on it. If nobody on the chain voted, it is not counted.</item>
/// <item>Weight never flows past a voter, and nothing flows from a voter: a delegate who receives a delegation from
/// someone who voted gets nothing from them.</item>
/// </list>
/// So each base weight is counted at most once, and the counted total is the base weight of the voters plus that of
/// the non-voters whose chain reaches a voter. Addresses are compared case-insensitively; integers only.
/// </summary>
public static class DelegatedWeights
{
    /// <summary>
    /// The weight of each of <paramref name="voters"/> (those who cast a counted vote), ordered by address
    /// (case-insensitively). A voter without base weight or delegators has total 0.
    /// </summary>
    /// <param name="baseWeights">Each address's base weight (from the strategies), not negative; an address listed twice in other letter case is refused.</param>
    /// <param name="delegations">The space's delegations.</param>
    /// <param name="voters">The addresses that voted.</param>
    public static IReadOnlyList<DelegatedWeight> Apply(IReadOnlyDictionary<string, BigInteger> baseWeights, DelegationGraph delegations, IEnumerable<string> voters)
    {
        ArgumentNullException.ThrowIfNull(baseWeights);
        ArgumentNullException.ThrowIfNull(delegations);
        ArgumentNullException.ThrowIfNull(voters);

        var weights = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (var (address, weight) in baseWeights)
        {
            if (weight.Sign < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baseWeights), weight, $"The base weight of {address} is negative.");
            }

            if (!weights.TryAdd(address, weight))
            {
                throw new ArgumentException($"The base weights list {address} twice (in other letter case).", nameof(baseWeights));
            }
        }

        var voting = new Dictionary<string, (string Voter, List<string> Delegators)>(StringComparer.OrdinalIgnoreCase);
        foreach (var voter in voters)
        {
            voting.TryAdd(voter, (voter, []));
        }

        // The first voter reached from each address (null: none), memoised so every chain is walked once.
        var reaches = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var delegated = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (var (address, weight) in weights)
        {
            if (voting.ContainsKey(address) || weight.IsZero)
            {
                continue;
            }

            if (FirstVoter(address, delegations, voting, reaches) is { } receiver)
            {
                delegated[receiver] = delegated.GetValueOrDefault(receiver) + weight;
                voting[receiver].Delegators.Add(address);
            }
        }

        return
        [
            .. voting.Values
                .OrderBy(v => v.Voter, StringComparer.OrdinalIgnoreCase)
                .Select(v => new DelegatedWeight(
                    v.Voter,
                    weights.GetValueOrDefault(v.Voter),
                    delegated.GetValueOrDefault(v.Voter),
                    [.. v.Delegators.Order(StringComparer.OrdinalIgnoreCase)])),
        ];
    }

    /// <summary>The weights as the tally takes them: voter → total (case-insensitive keys).</summary>
    public static IReadOnlyDictionary<string, BigInteger> ToWeights(IReadOnlyList<DelegatedWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.ToDictionary(w => w.Voter, w => w.Total, StringComparer.OrdinalIgnoreCase);
    }

    private static string? FirstVoter(
        string start,
        DelegationGraph delegations,
        Dictionary<string, (string Voter, List<string> Delegators)> voting,
        Dictionary<string, string?> reaches)
    {
        var path = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? result = null;
        var current = delegations.DelegateOf(start);
        path.Add(start);
        seen.Add(start);
        while (current is not null)
        {
            if (voting.ContainsKey(current))
            {
                result = current;
                break;
            }

            if (reaches.TryGetValue(current, out var known))
            {
                result = known;
                break;
            }

            if (!seen.Add(current))
            {
                // A loop (the graph refuses them; this only guards): nobody on it voted, so nothing is counted.
                break;
            }

            path.Add(current);
            current = delegations.DelegateOf(current);
        }

        foreach (var address in path)
        {
            reaches[address] = result;
        }

        return result;
    }
}
