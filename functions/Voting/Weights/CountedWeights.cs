using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Weights;
using MLGov.Voting.Spaces;
using MLGov.Voting.Votes;

namespace MLGov.Voting.Weights;

/// <summary>
/// The weight each vote counts with: the voter's own weight plus what delegators who did not vote pass on to them
/// (<see cref="DelegatedWeights"/>: transitively, to the first voter on the chain), with the space's delegations signed by
/// the proposal's end. Delegators' own weights are read at the snapshot like voters'.
/// </summary>
public sealed class CountedWeights
{
    private readonly DelegationStore _delegations;
    private readonly IVoterWeights _weights;

    public CountedWeights(DelegationStore delegations, IVoterWeights weights)
    {
        _delegations = delegations;
        _weights = weights;
    }

    /// <summary>The weight delegated to each voter who receives some (voter → delegated weight, decimal).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DelegatedAsync(ProposalDefinition terms, IReadOnlyList<VoteRecord> votes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(votes);
        var graph = await _delegations.GraphAsync(terms.Space, (ulong)terms.End.ToUnixTimeSeconds(), cancellationToken).ConfigureAwait(false);
        if (graph.Count == 0 || votes.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var voters = new HashSet<string>(votes.Select(v => v.Voter), StringComparer.OrdinalIgnoreCase);
        var delegators = graph.Latest.Where(d => !d.IsRevocation && !voters.Contains(d.Delegator)).Select(d => d.Delegator).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var own = await _weights.BaseWeightsAsync(terms, delegators, cancellationToken).ConfigureAwait(false);
        var weights = new Dictionary<string, BigInteger>(own, StringComparer.OrdinalIgnoreCase);
        foreach (var vote in votes)
        {
            weights[vote.Voter] = BigInteger.Parse(vote.Weight, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return DelegatedWeights.Apply(weights, graph, voters)
            .Where(w => w.Delegated.Sign > 0)
            .ToDictionary(w => w.Voter, w => w.Delegated.ToString(CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether anyone delegates to <paramref name="voter"/> in the space (directly), so a voter without own weight may still vote.</summary>
    public async Task<bool> ReceivesAsync(string spaceId, string voter, CancellationToken cancellationToken)
    {
        var graph = await _delegations.GraphAsync(spaceId, ulong.MaxValue, cancellationToken).ConfigureAwait(false);
        return graph.Latest.Any(d => !d.IsRevocation && string.Equals(d.Delegate, voter, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The votes as the tally takes them: own weight plus delegated weight.</summary>
    public static IEnumerable<(string Voter, string Choice, string Weight, long Timestamp, string Id)> Counted(IEnumerable<VoteRecord> votes, IReadOnlyDictionary<string, string> delegated) =>
        votes.Select(v => v.ToExported(delegated)).Select(v => (v.Voter, v.Choice, v.CountedWeight(), v.Timestamp, v.Id));

    public static IReadOnlyDictionary<string, string> Parse(string? json) =>
        json is null ? new Dictionary<string, string>() : new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json)!, StringComparer.OrdinalIgnoreCase);
}
