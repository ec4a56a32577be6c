using System.Numerics;
using MLGov.DevStack;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;
using MLGov.Testing;
using Nethereum.Signer;

namespace MLGov.Platform.Tests.Chain.Transactions;

/// <summary>
/// The sender under the faults a relayer meets: a node that forgets a transaction, a transaction stuck
/// at its fee, answers lost on the way back, a network that drops everything, a process that dies between
/// steps, a reorg. Each test runs its own anvil (mining modes are per node) beside the shared Azurite.
/// The invariant everywhere: exactly one mined transaction per intent.
/// </summary>
public sealed class ChainIntentFaultTests : IClassFixture<DependenciesFixture>, IAsyncLifetime, IDisposable
{
    private readonly DependenciesFixture _fixture;
    private AnvilServer _anvil = null!;
    private AnvilControl _control = null!;

    public ChainIntentFaultTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    private Uri Rpc => _anvil.RpcUrl;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilServer.StartAsync(0, AnvilServer.DefaultChainId, CancellationToken.None);
        _control = new AnvilControl(_anvil.RpcUrl);
    }

    public async Task DisposeAsync() => await _anvil.DisposeAsync();

    public void Dispose() => _control?.Dispose();

    [Fact]
    public async Task A_transaction_the_node_dropped_from_its_pool_is_broadcast_again_and_mines_once()
    {
        var key = await FundedKeyAsync();
        await _control.SetAutomineAsync(false);
        await using var host = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey());
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        await host.RequestAsync(ChainIntent.Create("drop-1", "transfer", recipient, [], 5));
        await host.StartAsync();

        var sent = await host.ActiveRowAsync("drop-1", r => r.Status == ChainTransactionStates.Broadcast, "the first broadcast");
        await _control.DropTransactionAsync(sent.LatestHash);
        Assert.Equal(0, await _control.PoolSizeAsync());

        await Eventually.TrueAsync(async () => await _control.PoolSizeAsync() == 1, "the sender to broadcast the dropped transaction again");
        await _control.MineAsync();
        var intent = await host.SettledAsync("drop-1");

        Assert.Equal(ChainIntentOutcomes.Mined, intent.Outcome);
        Assert.Equal(sent.LatestHash, intent.TransactionHash);
        Assert.Equal(1, await _control.NonceAsync(key.GetPublicAddress()));
        Assert.Single(await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync()));
        Assert.Equal(5, await BalanceAsync(recipient));
    }

    [Fact]
    public async Task A_stuck_transaction_is_replaced_with_higher_fees_and_exactly_one_of_the_two_mines()
    {
        var key = await FundedKeyAsync();
        await _control.SetAutomineAsync(false);
        await using var host = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey(), configure: o => o.ReplaceAfter = TimeSpan.FromSeconds(2));
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        await host.RequestAsync(ChainIntent.Create("stuck-1", "transfer", recipient, [], 9));
        await host.StartAsync();

        var first = await host.ActiveRowAsync("stuck-1", r => r.Status == ChainTransactionStates.Broadcast, "the first broadcast");
        var replaced = await host.ActiveRowAsync("stuck-1", r => r.Replacements == 1 && r.Status == ChainTransactionStates.Broadcast, "a replacement");
        await host.StopAsync();
        await _control.MineAsync();
        await host.StartAsync();
        var intent = await host.SettledAsync("stuck-1");

        Assert.Equal(2, replaced.HashList.Count);
        Assert.Equal(first.LatestHash, replaced.HashList[0]);
        Assert.True(BigInteger.Parse(replaced.MaxFeePerGas) * 100 >= BigInteger.Parse(first.MaxFeePerGas) * 110);
        Assert.True(BigInteger.Parse(replaced.MaxPriorityFeePerGas) * 100 >= BigInteger.Parse(first.MaxPriorityFeePerGas) * 110);
        Assert.Equal(replaced.HashList[1], intent.TransactionHash);
        var mined = await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync());
        Assert.Equal(replaced.HashList[1], Assert.Single(mined).GetProperty("hash").GetString());
        var original = await _control.CallAsync("eth_getTransactionReceipt", replaced.HashList[0]);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, original.ValueKind);
        Assert.Equal(9, await BalanceAsync(recipient));
    }

    [Fact]
    public async Task Through_a_proxy_that_forwards_transactions_and_answers_502_each_intent_is_one_transaction()
    {
        var key = await FundedKeyAsync();
        await using var proxy = await RpcProxy.StartAsync(Rpc);
        proxy.Behaviour = method => method == "eth_sendRawTransaction" ? RpcProxyAction.ForwardThenBadGateway : RpcProxyAction.Forward;
        await using var host = SenderHost.Create(_fixture, proxy.Uri, key.GetPrivateKey());
        var recipients = Enumerable.Range(0, 3).Select(_ => EthECKey.GenerateKey().GetPublicAddress()).ToList();
        for (var i = 0; i < 3; i++)
        {
            await host.RequestAsync(ChainIntent.Create($"gw-{i}", "transfer", recipients[i], [], 10 + i));
        }

        await host.StartAsync();
        var intents = await host.AllSettledAsync(["gw-0", "gw-1", "gw-2"], TimeSpan.FromSeconds(60));

        Assert.All(intents, i => Assert.Equal(ChainIntentOutcomes.Mined, i.Outcome));
        Assert.True(proxy.Seen["eth_sendRawTransaction"] >= 3);
        Assert.Equal(3, await _control.NonceAsync(key.GetPublicAddress()));
        Assert.Equal(3, (await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync())).Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(10 + i, await BalanceAsync(recipients[i]));
        }
    }

    [Fact]
    public async Task Through_a_network_that_drops_everything_for_30_seconds_the_sender_catches_up_with_one_transaction_per_intent()
    {
        var key = await FundedKeyAsync();
        await using var proxy = await RpcProxy.StartAsync(Rpc);
        DateTime? outageEnds = null;
        proxy.Behaviour = method =>
        {
            if (outageEnds is { } ends)
            {
                return DateTime.UtcNow < ends ? RpcProxyAction.Drop : RpcProxyAction.Forward;
            }

            if (method == "eth_sendRawTransaction")
            {
                // The first transaction reaches the node; its answer and everything after are lost for 30 s.
                outageEnds = DateTime.UtcNow.AddSeconds(30);
                return RpcProxyAction.ForwardThenDrop;
            }

            return RpcProxyAction.Forward;
        };
        await using var host = SenderHost.Create(_fixture, proxy.Uri, key.GetPrivateKey());
        var recipients = Enumerable.Range(0, 4).Select(_ => EthECKey.GenerateKey().GetPublicAddress()).ToList();
        await host.RequestAsync(ChainIntent.Create("net-0", "transfer", recipients[0], [], 20));
        await host.StartAsync();
        await Eventually.TrueAsync(() => Task.FromResult(outageEnds is not null), "the first broadcast");
        for (var i = 1; i < 4; i++)
        {
            await host.RequestAsync(ChainIntent.Create($"net-{i}", "transfer", recipients[i], [], 20 + i));
        }

        await Eventually.TrueAsync(async () => (await host.IntentAsync("net-3")) is not null && host.Status.ConsecutiveFailures > 0, "the sender to notice the outage");
        var intents = await host.AllSettledAsync(["net-0", "net-1", "net-2", "net-3"], TimeSpan.FromSeconds(120));

        Assert.True(DateTime.UtcNow >= outageEnds);
        Assert.All(intents, i => Assert.Equal(ChainIntentOutcomes.Mined, i.Outcome));
        Assert.Equal(4, await _control.NonceAsync(key.GetPublicAddress()));
        Assert.Equal(4, (await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync())).Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(20 + i, await BalanceAsync(recipients[i]));
        }
    }

    [Fact]
    public async Task A_host_that_dies_between_signing_and_broadcasting_leaves_a_transaction_that_another_host_sends_once()
    {
        var key = await FundedKeyAsync();
        await using var proxy = await RpcProxy.StartAsync(Rpc);
        proxy.Behaviour = method => method == "eth_sendRawTransaction" ? RpcProxyAction.Drop : RpcProxyAction.Forward;
        await using var dying = SenderHost.Create(_fixture, proxy.Uri, key.GetPrivateKey());
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        await dying.RequestAsync(ChainIntent.Create("die-1", "transfer", recipient, [], 30));
        await dying.StartAsync();

        var signed = await dying.ActiveRowAsync("die-1", r => r.Status == ChainTransactionStates.AwaitingBroadcast, "the signed transaction to be stored");
        await Eventually.TrueAsync(() => Task.FromResult(proxy.Seen.ContainsKey("eth_sendRawTransaction")), "the broadcast attempt");
        await dying.StopAsync();
        Assert.Equal(0, await _control.NonceAsync(key.GetPublicAddress(), "pending"));

        await using var survivor = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey(), prefix: dying.Prefix);
        await survivor.StartAsync();
        var intent = await survivor.SettledAsync("die-1");

        Assert.Equal(signed.LatestHash, intent.TransactionHash);
        Assert.Equal(1, await _control.NonceAsync(key.GetPublicAddress()));
        Assert.Single(await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync()));
        Assert.Equal(30, await BalanceAsync(recipient));
    }

    [Fact]
    public async Task A_host_that_dies_between_broadcasting_and_the_receipt_leaves_a_transaction_that_another_host_settles_without_sending_again()
    {
        var key = await FundedKeyAsync();
        await _control.SetAutomineAsync(false);
        await using var dying = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey());
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        await dying.RequestAsync(ChainIntent.Create("die-2", "transfer", recipient, [], 31));
        await dying.StartAsync();
        var sent = await dying.ActiveRowAsync("die-2", r => r.Status == ChainTransactionStates.Broadcast, "the broadcast");
        await dying.StopAsync();
        await _control.MineAsync();

        await using var survivor = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey(), prefix: dying.Prefix);
        await survivor.StartAsync();
        var intent = await survivor.SettledAsync("die-2");

        Assert.Equal(sent.LatestHash, intent.TransactionHash);
        Assert.Equal(1, await _control.NonceAsync(key.GetPublicAddress(), "pending"));
        Assert.Single(await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync()));
        Assert.Equal(31, await BalanceAsync(recipient));
    }

    [Fact]
    public async Task A_receipt_whose_block_is_reorganised_away_sends_the_intent_back_to_tracking_and_it_mines_once()
    {
        var key = await FundedKeyAsync();
        await using var host = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey(), configure: o => o.Confirmations = 3);
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        var snapshot = await _control.SnapshotAsync();
        await host.RequestAsync(ChainIntent.Create("reorg-1", "transfer", recipient, [], 40));
        await host.StartAsync();

        var included = await host.ActiveRowAsync("reorg-1", r => r.Status == ChainTransactionStates.Included, "the receipt");
        await host.StopAsync();
        await _control.RevertAsync(snapshot);
        Assert.Equal(0, await _control.NonceAsync(key.GetPublicAddress()));

        await host.StartAsync();
        var again = await host.ActiveRowAsync("reorg-1", r => r.Status == ChainTransactionStates.Included && r.IncludedBlockHash != included.IncludedBlockHash, "the transaction to be included again");
        Assert.Null(await host.IntentAsync("reorg-1") is { Outcome: not null } early ? early : null);
        await _control.MineAsync(2);
        var intent = await host.SettledAsync("reorg-1");

        Assert.Equal(ChainIntentOutcomes.Mined, intent.Outcome);
        Assert.Equal(included.IncludedHash, intent.TransactionHash);
        Assert.Equal(again.IncludedBlock, intent.BlockNumber);
        Assert.Equal(1, await _control.NonceAsync(key.GetPublicAddress()));
        Assert.Single(await _control.MinedFromAsync(key.GetPublicAddress(), 1, await _control.BlockNumberAsync()));
        Assert.Equal(40, await BalanceAsync(recipient));
    }

    private async Task<EthECKey> FundedKeyAsync()
    {
        var key = EthECKey.GenerateKey();
        await _control.SetBalanceAsync(key.GetPublicAddress(), BigInteger.Pow(10, 20));
        return key;
    }

    private async Task<long> BalanceAsync(string address) =>
        Convert.ToInt64((await _control.CallAsync("eth_getBalance", address, "latest")).GetString(), 16);
}
