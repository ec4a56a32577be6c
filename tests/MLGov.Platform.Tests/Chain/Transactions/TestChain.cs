using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.DevStack;
using MLGov.Platform.Chain;

namespace MLGov.Platform.Tests.Chain.Transactions;

/// <summary>Synchronous chain clients for setting up and reading back (deploying, balances), beside the sender under test.</summary>
internal static class TestChain
{
    public static ChainClient Client(Uri rpc, string? key) => new(
        Options.Create(new ChainOptions { RpcUrl = rpc, ChainId = AnvilServer.DefaultChainId, OperatorKey = key, ReceiptPollInterval = TimeSpan.FromMilliseconds(20) }),
        NullLogger<ChainClient>.Instance);
}
