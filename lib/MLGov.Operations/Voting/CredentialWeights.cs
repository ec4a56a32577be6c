using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using MLGov.Voting.Domain.Proposals;

namespace MLGov.Operations.Voting;

/// <summary>
/// The weight a voter must have had when every weight strategy of a proposal can be computed without the chain: the
/// <c>credential</c> strategy (one credential, one vote) gives its <c>multiplier</c> (a decimal string; anything else counts as 1) to a
/// voter who showed the proposal's eligibility credential, and the service takes a vote on such a proposal only with
/// that presentation; without eligibility it gives nothing. Other strategies (token balances at the snapshot block,
/// delegation, stake) need the chain, so with any of them the weights are not checked offline.
/// </summary>
internal static class CredentialWeights
{
    public const string Credential = "credential";

    /// <summary>The strategy kinds of <paramref name="terms"/> that cannot be computed offline.</summary>
    public static IReadOnlyList<string> Unchecked(ProposalDefinition terms) =>
        [.. terms.Strategies.OfType<JsonObject>().Select(KindOf).Where(k => k != Credential).Select(k => k ?? "(none)").Distinct(StringComparer.Ordinal)];

    /// <summary>Every voter's weight when all strategies are <c>credential</c>; null when some other strategy needs the chain.</summary>
    public static BigInteger? Expected(ProposalDefinition terms)
    {
        if (Unchecked(terms).Count > 0)
        {
            return null;
        }

        BigInteger weight = 0;
        foreach (var strategy in terms.Strategies.OfType<JsonObject>())
        {
            weight += terms.Eligibility is null ? BigInteger.Zero : MultiplierOf(strategy);
        }

        return weight;
    }

    private static string? KindOf(JsonObject strategy) =>
        strategy["kind"] is JsonValue value && value.TryGetValue<string>(out var kind) ? kind : null;

    // As the service reads it: a string multiplier is parsed as a decimal integer, anything else counts as 1.
    private static BigInteger MultiplierOf(JsonObject strategy) =>
        strategy["multiplier"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : BigInteger.One;
}
