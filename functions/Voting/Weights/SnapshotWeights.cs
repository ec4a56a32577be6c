using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Core.Snapshots;
using MLGov.Platform.Chain;
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
    private readonly IChainClient _chain;

    public SnapshotWeights(ISnapshotReader snapshots, IChainClient chain)
    {
        _reader = new WeightReader(snapshots, NoReputationSource.Instance);
        _chain = chain;
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

        if (terms.Quorum.Kind == "basis-points" && strategies.Any(s => s is not Erc20BalanceStrategy and not StakeStrategy { ServiceId: null }))
        {
            throw ValidationException.For("quorum", "A quorum in basis points needs the total eligible weight: only erc20-balance (total supply) and pool-wide stake (total bonded) strategies give it; use an absolute quorum.");
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

    /// <summary>
    /// The total eligible weight at the snapshot, for a quorum in basis points: Σ over strategies of the weighed total supply
    /// (erc20-balance) or total bonded stake (pool-wide stake); null when a strategy has no total.
    /// </summary>
    public async Task<BigInteger?> TotalWeightAsync(ProposalDefinition terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var strategies = WeightStrategies.Parse(terms.Strategies.ToJsonString());
        BigInteger total = 0;
        foreach (var strategy in strategies)
        {
            switch (strategy)
            {
                case Erc20BalanceStrategy token:
                    total += token.Weigh(await _chain.QueryValueAtBlockAsync<MLGov.Contracts.TestToken.TotalSupplyFunction, BigInteger>(token.Token, new(), (ulong)terms.Snapshot, cancellationToken).ConfigureAwait(false));
                    break;
                case StakeStrategy { ServiceId: null } stake:
                    total += stake.Weigh(await _chain.QueryValueAtBlockAsync<MLGov.Contracts.StakingPool.TotalBondedFunction, BigInteger>(stake.Pool, new(), (ulong)terms.Snapshot, cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    return null;
            }
        }

        return total;
    }
}
