using System.Numerics;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Weights;

namespace MLGov.Operations.Voting;

/// <summary>
/// The weight a voter must have had when every weight strategy of a proposal can be computed without the chain: each
/// <c>credential</c> strategy counts the proposal's eligibility credential, which the service requires every voter to
/// present, so it gives every voter <c>Weigh(1)</c> (its multiplier) — as the service's weights do
/// (<see cref="WeightReader"/> with the credential held). Other strategies (token balances and stake at the snapshot
/// block, reputation) need the chain, so with any of them the weights are not checked offline.
/// </summary>
internal static class CredentialWeights
{
    /// <summary>The proposal's strategies as the domain reads them; throws a <c>ValidationException</c> for a list the service would not have taken.</summary>
    public static IReadOnlyList<WeightStrategy> Of(ProposalDefinition terms) => WeightStrategies.Parse(terms.Strategies.ToJsonString());

    /// <summary>The strategy kinds of <paramref name="terms"/> that cannot be computed offline.</summary>
    public static IReadOnlyList<string> Unchecked(ProposalDefinition terms) =>
        [.. Of(terms).Where(s => s is not CredentialStrategy).Select(s => WeightStrategyKinds.NameOf(s.Kind)).Distinct(StringComparer.Ordinal)];

    /// <summary>Every voter's weight when all strategies are <c>credential</c>; null when some other strategy needs the chain.</summary>
    public static BigInteger? Expected(ProposalDefinition terms)
    {
        var strategies = Of(terms);
        if (strategies.Any(s => s is not CredentialStrategy))
        {
            return null;
        }

        return strategies.Cast<CredentialStrategy>().Aggregate(
            BigInteger.Zero,
            (sum, s) => sum + s.Weigh(s.IsEligibility && terms.Eligibility is not null ? BigInteger.One : BigInteger.Zero));
    }
}
