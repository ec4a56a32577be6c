using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using MLGov.Voting.Domain.Proposals;

namespace MLGov.Voting.Weights;

/// <summary>
/// A voter's weight as the sum of the proposal's strategies. <c>credential</c> (one credential, one vote): the
/// strategy's <c>multiplier</c> (default 1) when the voter showed the proposal's eligibility credential, else 0.
/// </summary>
public sealed class StrategyWeights : IVoterWeights
{
    public const string Credential = "credential";

    public Task<BigInteger> WeightOfAsync(ProposalDefinition terms, string voter, bool credentialShown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        BigInteger weight = 0;
        foreach (var strategy in terms.Strategies.OfType<JsonObject>())
        {
            weight += KindOf(strategy) switch
            {
                Credential => credentialShown ? MultiplierOf(strategy) : 0,
                var other => throw new InvalidOperationException($"Weight strategy '{other}' is not supported."),
            };
        }

        return Task.FromResult(weight);
    }

    public Task<BigInteger?> TotalWeightAsync(ProposalDefinition terms, CancellationToken cancellationToken) => Task.FromResult<BigInteger?>(null);

    /// <summary>The kinds among <paramref name="strategies"/> this service cannot compute.</summary>
    public static IEnumerable<string> Unsupported(JsonArray strategies) =>
        strategies.OfType<JsonObject>().Select(s => KindOf(s) ?? "(none)").Where(k => k != Credential).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a strategy counts the eligibility credential.</summary>
    public static bool UsesCredential(JsonArray strategies) => strategies.OfType<JsonObject>().Any(s => KindOf(s) == Credential);

    private static string? KindOf(JsonObject strategy) => strategy["kind"]?.GetValue<string>();

    private static BigInteger MultiplierOf(JsonObject strategy) =>
        strategy["multiplier"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : BigInteger.One;
}
