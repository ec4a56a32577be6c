using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Core.Encoding;
using MLGov.Core.Identifiers;
using MLGov.Core.Snapshots;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// Computes voters' base weights over a proposal's strategies at its snapshot block: token balances and bonded stakes
/// read from the chain at that block (<see cref="ISnapshotReader"/>, batched per strategy), credentials as the caller
/// decides them, reputation scores from the <see cref="IReputationSource"/>. Each part is <see cref="WeightStrategy.Weigh"/>
/// of its value and the weight is their sum; integers only. Delegation is applied afterwards
/// (<see cref="DelegatedWeights"/>).
/// </summary>
public sealed class WeightReader
{
    private readonly ISnapshotReader _chain;
    private readonly IReputationSource _reputation;

    /// <summary>A reader over <paramref name="chain"/> and <paramref name="reputation"/> (<see cref="NoReputationSource.Instance"/> today).</summary>
    public WeightReader(ISnapshotReader chain, IReputationSource reputation)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(reputation);
        _chain = chain;
        _reputation = reputation;
    }

    /// <summary>
    /// Refuses (<see cref="ValidationException"/>) a valid strategy list this reader cannot weigh: a reputation strategy
    /// while there is no reputation source. Call it when a space or proposal is created, so it fails then and not at the tally.
    /// </summary>
    public void CheckSources(IReadOnlyList<WeightStrategy> strategies, string member = "strategies")
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var errors = new ValidationErrors();
        for (var i = 0; i < strategies.Count; i++)
        {
            errors.Check(strategies[i] is not ReputationStrategy || _reputation.Unavailable is null, $"{member}[{i}]", _reputation.Unavailable ?? string.Empty);
        }

        errors.ThrowIfAny("The weight strategies cannot be weighed");
    }

    /// <summary>
    /// Refuses (<see cref="ValidationException"/> under <c>snapshotBlock</c>) a snapshot block above the chain head: its
    /// state does not exist yet, and whoever moves tokens before it is mined could still change the weights. Call it when a
    /// proposal is created; reading weights checks it again.
    /// </summary>
    public async Task CheckSnapshotAsync(ulong snapshotBlock, CancellationToken cancellationToken)
    {
        var head = await _chain.HeadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshotBlock > head)
        {
            throw ValidationException.For("snapshotBlock", $"The snapshot block {snapshotBlock} is above the chain head {head}: its state does not exist yet.");
        }
    }

    /// <summary>
    /// The base weight of each voter (duplicates, in any letter case, counted once, first spelling kept), in the order
    /// given. Refused (<see cref="ValidationException"/>): an invalid strategy list, a source this reader does not have,
    /// a malformed voter address, a snapshot block above the chain head, a token or pool without code at that block.
    /// </summary>
    /// <param name="strategies">The proposal's strategies.</param>
    /// <param name="snapshotBlock">The block the chain is read at.</param>
    /// <param name="voters">The voters' addresses.</param>
    /// <param name="holdsCredential">Whether a voter holds a credential satisfying a credential strategy (decided by the service).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<VoterWeight>> ReadAsync(
        IReadOnlyList<WeightStrategy> strategies,
        ulong snapshotBlock,
        IReadOnlyList<string> voters,
        Func<CredentialStrategy, string, bool> holdsCredential,
        CancellationToken cancellationToken)
    {
        WeightStrategies.Validate(strategies);
        CheckSources(strategies);
        ArgumentNullException.ThrowIfNull(voters);
        ArgumentNullException.ThrowIfNull(holdsCredential);
        var errors = new ValidationErrors();
        for (var i = 0; i < voters.Count; i++)
        {
            errors.EvmAddress($"voters[{i}]", voters[i]);
        }

        errors.ThrowIfAny("The voters are not valid");
        var distinct = voters.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var parts = new BigInteger[distinct.Length][];
        for (var v = 0; v < distinct.Length; v++)
        {
            parts[v] = new BigInteger[strategies.Count];
        }

        for (var s = 0; s < strategies.Count; s++)
        {
            var values = await ValuesAsync(strategies[s], s, snapshotBlock, distinct, holdsCredential, cancellationToken).ConfigureAwait(false);
            if (values.Count != distinct.Length)
            {
                throw new InvalidOperationException("The source returned another number of values than voters asked for.");
            }

            for (var v = 0; v < distinct.Length; v++)
            {
                parts[v][s] = strategies[s].Weigh(values[v]);
            }
        }

        return [.. distinct.Select((voter, v) => new VoterWeight(voter, parts[v].Aggregate(BigInteger.Zero, (a, b) => a + b), parts[v]))];
    }

    private async Task<IReadOnlyList<BigInteger>> ValuesAsync(
        WeightStrategy strategy,
        int index,
        ulong block,
        string[] voters,
        Func<CredentialStrategy, string, bool> holdsCredential,
        CancellationToken cancellationToken)
    {
        try
        {
            return strategy switch
            {
                CredentialStrategy credential => [.. voters.Select(v => holdsCredential(credential, v) ? BigInteger.One : BigInteger.Zero)],
                Erc20BalanceStrategy erc20 => await _chain.Erc20BalancesAsync(erc20.Token, voters, block, cancellationToken).ConfigureAwait(false),
                StakeStrategy stake => await _chain.BondedStakesAsync(stake.Pool, stake.ServiceId is null ? null : Hex.Decode(stake.ServiceId), voters, block, cancellationToken).ConfigureAwait(false),
                ReputationStrategy => await _reputation.ScoresAsync(voters, block, cancellationToken).ConfigureAwait(false),
                _ => throw new InvalidOperationException("Unknown strategy kind."),
            };
        }
        catch (ValidationException exception)
        {
            // The chain reader names its own parameters (token, pool); say which strategy they belong to.
            var errors = exception.Errors.ToDictionary(
                e => e.Key is "token" or "pool" ? $"strategies[{index}].{e.Key}" : e.Key,
                e => e.Value,
                StringComparer.Ordinal);
            throw new ValidationException(exception.Message, errors, exception);
        }
    }
}
