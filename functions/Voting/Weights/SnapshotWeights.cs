using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Core.Snapshots;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Weights;

namespace MLGov.Voting.Weights;

/// <summary>
/// A voter's weight from the proposal's strategies, read at its snapshot block (<see cref="WeightReader"/>): ERC-20 balances
/// and bonded stake by <c>eth_call</c> at that block, so what moved after the snapshot does not count; the
/// <c>credential</c> strategy counts the proposal's eligibility credential the voter presented. No provider reputation
/// source exists yet, so a <c>reputation</c> strategy is refused when the proposal is created.
/// </summary>
public sealed class SnapshotWeights : IVoterWeights
{
    private readonly WeightReader _reader;

    public SnapshotWeights(ISnapshotReader chain)
    {
        _reader = new WeightReader(chain, NoReputationSource.Instance);
    }

    /// <summary>Refuses, before a proposal is opened, strategies this service cannot weigh and a snapshot above the chain head.</summary>
    public async Task CheckAsync(ProposalDefinition terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var strategies = WeightStrategies.Parse(terms.Strategies.ToJsonString());
        _reader.CheckSources(strategies);
        var credentials = strategies.OfType<CredentialStrategy>().ToList();
        if (credentials.Any(c => !c.IsEligibility))
        {
            throw ValidationException.For("strategies", "The credential strategy counts the proposal's eligibility credential: leave its credentialType and issuers out.");
        }

        if (credentials.Count > 0 && terms.Eligibility is null)
        {
            throw ValidationException.For("strategies", "The credential strategy counts the eligibility credential: name one (eligibility).");
        }

        if (terms.Quorum.Kind == "basis-points")
        {
            throw ValidationException.For("quorum", "A quorum in basis points needs the total eligible weight, which these strategies do not give; use an absolute quorum.");
        }

        await _reader.CheckSnapshotAsync((ulong)terms.Snapshot, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BigInteger> WeightOfAsync(ProposalDefinition terms, string voter, bool credentialShown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var strategies = WeightStrategies.Parse(terms.Strategies.ToJsonString());
        var weights = await _reader.ReadAsync(strategies, (ulong)terms.Snapshot, [voter], (rule, _) => rule.IsEligibility && credentialShown, cancellationToken).ConfigureAwait(false);
        return weights[0].Weight;
    }

    public async Task<IReadOnlyDictionary<string, BigInteger>> BaseWeightsAsync(ProposalDefinition terms, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0)
        {
            return new Dictionary<string, BigInteger>();
        }

        var strategies = WeightStrategies.Parse(terms.Strategies.ToJsonString());
        var weights = await _reader.ReadAsync(strategies, (ulong)terms.Snapshot, addresses, (_, _) => false, cancellationToken).ConfigureAwait(false);
        return weights.ToDictionary(w => w.Voter, w => w.Weight, StringComparer.OrdinalIgnoreCase);
    }

    public Task<BigInteger?> TotalWeightAsync(ProposalDefinition terms, CancellationToken cancellationToken) => Task.FromResult<BigInteger?>(null);
}
