using System.Numerics;

namespace MLGov.Core.Snapshots;

/// <summary>
/// Chain state as it was at a given block (an <c>eth_call</c> at that block), for weights read at a proposal's snapshot.
/// The domain sees this interface; <c>MLGov.Platform.Chain.Snapshots.ChainSnapshotReader</c> implements it over the
/// chain client. Every method refuses with a <c>ValidationException</c>: a block above the chain head (member
/// <c>snapshotBlock</c>) and a contract address without code at that block (member <c>token</c> or <c>pool</c>).
/// Values come back in the order of the addresses asked for.
/// </summary>
public interface ISnapshotReader
{
    /// <summary>The number of the chain's latest block.</summary>
    Task<ulong> HeadAsync(CancellationToken cancellationToken);

    /// <summary>The ERC-20 <c>balanceOf</c> of each holder at <paramref name="block"/>, in minor units.</summary>
    Task<IReadOnlyList<BigInteger>> Erc20BalancesAsync(string token, IReadOnlyList<string> holders, ulong block, CancellationToken cancellationToken);

    /// <summary>
    /// Each provider's bonded stake in the StakingPool at <paramref name="pool"/> at <paramref name="block"/>: on
    /// <paramref name="serviceId"/> (32 bytes) when given, else summed over every service the provider had staked on by
    /// that block. Unbonding stake is not included.
    /// </summary>
    Task<IReadOnlyList<BigInteger>> BondedStakesAsync(string pool, byte[]? serviceId, IReadOnlyList<string> providers, ulong block, CancellationToken cancellationToken);
}
