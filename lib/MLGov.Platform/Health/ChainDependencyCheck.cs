using System.Diagnostics;
using MLGov.Platform.Chain;

namespace MLGov.Platform.Health;

/// <summary>The chain is healthy when the node answers and reports the configured chain id.</summary>
public sealed class ChainDependencyCheck : IDependencyCheck
{
    private readonly IChainClient _chain;

    public ChainDependencyCheck(IChainClient chain)
    {
        _chain = chain;
    }

    public string Name => "chain";

    public async Task<DependencyStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var nodeChainId = await _chain.GetNodeChainIdAsync(cancellationToken).ConfigureAwait(false);
        var block = await _chain.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var details = new Dictionary<string, object> { ["chainId"] = nodeChainId, ["blockNumber"] = block };
        return nodeChainId == _chain.ChainId
            ? new DependencyStatus(true, watch.ElapsedMilliseconds, Details: details)
            : new DependencyStatus(false, watch.ElapsedMilliseconds, $"The node reports chain id {nodeChainId}, configured is {_chain.ChainId}.", details);
    }
}
