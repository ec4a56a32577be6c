using System.Numerics;
using MLGov.Contracts.StakingPool;
using MLGov.Contracts.TestToken;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
using MLGov.Core.Snapshots;

namespace MLGov.Platform.Chain.Snapshots;

/// <summary>
/// <see cref="ISnapshotReader"/> over the chain client: every value is an <c>eth_call</c> at the snapshot block, so what
/// moved after it does not count. Before reading, it refuses a block above the chain head and a token or pool with no
/// code at that block. The calls for many addresses go out as JSON-RPC batches
/// (<see cref="IChainClient.QueryValuesAtBlockAsync{TFunction, TValue}"/>: <see cref="ChainClient.CallsPerBatch"/> calls per
/// round trip, a few batches in flight); no multicall contract is assumed on the chain.
/// <para>
/// Stake is the provider's <b>bonded</b> stake (<c>positionOf(provider, serviceId).bonded</c>). Without a service id the
/// services a provider staked on are found from the pool's <c>Staked</c> events up to the block (<c>eth_getLogs</c> from
/// block 0, providers as a topic filter in chunks of <see cref="ProvidersPerLogQuery"/>); nodes that cap the block range
/// of a log query need a service id.
/// </para>
/// </summary>
public sealed class ChainSnapshotReader : ISnapshotReader
{
    /// <summary>The most providers in one <c>eth_getLogs</c> topic filter.</summary>
    public const int ProvidersPerLogQuery = 100;

    private readonly IChainClient _chain;

    /// <summary>A reader over <paramref name="chain"/>.</summary>
    public ChainSnapshotReader(IChainClient chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chain = chain;
    }

    /// <inheritdoc/>
    public Task<ulong> HeadAsync(CancellationToken cancellationToken) => _chain.GetBlockNumberAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BigInteger>> Erc20BalancesAsync(string token, IReadOnlyList<string> holders, ulong block, CancellationToken cancellationToken)
    {
        CheckAddresses("token", token, holders);
        await RequireContractAtAsync("token", token, block, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _chain.QueryValuesAtBlockAsync<BalanceOfFunction, BigInteger>(token, [.. holders.Select(h => new BalanceOfFunction { Account = h })], block, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainRevertException exception)
        {
            throw new ValidationException($"The token {token} does not answer ERC-20 balanceOf at block {block}.", new Dictionary<string, string[]> { ["token"] = [$"The token {token} does not answer ERC-20 balanceOf at block {block}."] }, exception);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BigInteger>> BondedStakesAsync(string pool, byte[]? serviceId, IReadOnlyList<string> providers, ulong block, CancellationToken cancellationToken)
    {
        CheckAddresses("pool", pool, providers);
        if (serviceId is not null && serviceId.Length != 32)
        {
            throw ValidationException.For("serviceId", "The service id is 32 bytes.");
        }

        await RequireContractAtAsync("pool", pool, block, cancellationToken).ConfigureAwait(false);
        try
        {
            if (serviceId is not null)
            {
                return await BondedAsync(pool, [.. providers.Select(p => (p, serviceId))], block, cancellationToken).ConfigureAwait(false);
            }

            var services = await ServicesStakedOnAsync(pool, providers, block, cancellationToken).ConfigureAwait(false);
            var positions = providers
                .SelectMany((provider, index) => services.GetValueOrDefault(provider, []).Select(service => (Index: index, Provider: provider, Service: service)))
                .ToArray();
            var bonded = await BondedAsync(pool, [.. positions.Select(p => (p.Provider, p.Service))], block, cancellationToken).ConfigureAwait(false);
            var totals = new BigInteger[providers.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                totals[positions[i].Index] += bonded[i];
            }

            return totals;
        }
        catch (ChainRevertException exception)
        {
            throw new ValidationException($"The pool {pool} does not answer StakingPool.positionOf at block {block}.", new Dictionary<string, string[]> { ["pool"] = [$"The pool {pool} does not answer StakingPool.positionOf at block {block}."] }, exception);
        }
    }

    private async Task<BigInteger[]> BondedAsync(string pool, (string Provider, byte[] Service)[] positions, ulong block, CancellationToken cancellationToken)
    {
        var outputs = await _chain.QueryAllAtBlockAsync<PositionOfFunction, PositionOfOutput>(pool, [.. positions.Select(p => new PositionOfFunction { Provider = p.Provider, ServiceId = p.Service })], block, cancellationToken).ConfigureAwait(false);
        return [.. outputs.Select(o => o.Bonded)];
    }

    /// <summary>The services each provider had staked on by <paramref name="block"/>, from the pool's Staked events.</summary>
    private async Task<Dictionary<string, List<byte[]>>> ServicesStakedOnAsync(string pool, IReadOnlyList<string> providers, ulong block, CancellationToken cancellationToken)
    {
        var services = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in providers.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(ProvidersPerLogQuery))
        {
            var logs = await _chain.GetEventsAsync<StakedEvent>(pool, [.. chunk.Cast<object>()], 0, block, cancellationToken).ConfigureAwait(false);
            foreach (var log in logs)
            {
                var provider = log.Event.Provider;
                if (seen.Add(provider + "|" + Hex.Encode(log.Event.ServiceId)))
                {
                    if (!services.TryGetValue(provider, out var list))
                    {
                        services[provider] = list = [];
                    }

                    list.Add(log.Event.ServiceId);
                }
            }
        }

        return services;
    }

    private async Task RequireContractAtAsync(string member, string address, ulong block, CancellationToken cancellationToken)
    {
        var head = await _chain.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (block > head)
        {
            throw ValidationException.For("snapshotBlock", $"The snapshot block {block} is above the chain head {head}: its state does not exist yet.");
        }

        var code = await _chain.GetCodeAsync(address, block, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(code) || code is "0x" or "0x0")
        {
            throw ValidationException.For(member, $"There is no contract at {address} at block {block}.");
        }
    }

    private static void CheckAddresses(string member, string contract, IReadOnlyList<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var errors = new ValidationErrors().EvmAddress(member, contract);
        for (var i = 0; i < accounts.Count; i++)
        {
            errors.EvmAddress($"accounts[{i}]", accounts[i]);
        }

        errors.ThrowIfAny("The snapshot read is not valid");
    }
}
