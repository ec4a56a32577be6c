using System.Numerics;
using MLGov.Contracts.TestToken;
using MLGov.DevStack;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;
using MLGov.Testing;
using Nethereum.Signer;

namespace MLGov.Platform.Tests.Chain.Transactions;

/// <summary>The transaction sender against the real anvil and Azurite: intents recorded with state become exactly one mined transaction each.</summary>
public sealed class ChainIntentSenderTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _fixture;

    public ChainIntentSenderTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    private Uri Rpc => _fixture.Dependencies.Anvil.RpcUrl;

    [Fact]
    public async Task An_intent_recorded_with_state_is_mined_once_and_its_outcome_and_event_are_written_back()
    {
        var key = await FundedKeyAsync();
        var token = await TokenAdministeredByAsync(key);
        var holder = EthECKey.GenerateKey().GetPublicAddress();
        await using var host = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey());
        await host.RequestAsync(ChainIntent.Call("mint-1", "mint", token, new MintFunction { To = holder, Amount = 7 }));

        await host.StartAsync();
        var intent = await host.SettledAsync("mint-1");

        Assert.Equal(ChainIntentOutcomes.Mined, intent.Outcome);
        Assert.NotNull(intent.TransactionHash);
        Assert.Equal(new BigInteger(7), await BalanceAsync(token, holder));
        using var anvil = new AnvilControl(Rpc);
        var receipt = await anvil.CallAsync("eth_getTransactionReceipt", intent.TransactionHash!);
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal(intent.BlockNumber, Convert.ToInt64(receipt.GetProperty("blockNumber").GetString(), 16));

        var outbox = new List<OutboxMessage>();
        await foreach (var row in host.Stores.Client(SenderHost.Table).QueryAsync<OutboxMessage>(r => r.PartitionKey == "p-mint-1" && r.RowKey.CompareTo(OutboxMessage.RowKeyPrefix) >= 0 && r.RowKey.CompareTo("~outbox~~") < 0))
        {
            outbox.Add(row);
        }

        var settled = Assert.Single(outbox, s => s.EventType == "com.mlgov.risk.chain.intent.settled.v1");
        Assert.Contains("\"outcome\":\"mined\"", settled.Payload, StringComparison.Ordinal);
        Assert.Contains(intent.TransactionHash!, settled.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_would_revert_settles_as_reverted_with_the_decoded_error_and_sends_nothing()
    {
        var admin = await FundedKeyAsync();
        var token = await TokenAdministeredByAsync(admin);
        var outsider = await FundedKeyAsync();
        await using var host = SenderHost.Create(_fixture, Rpc, outsider.GetPrivateKey());
        await host.RequestAsync(ChainIntent.Call("mint-2", "mint", token, new MintFunction { To = outsider.GetPublicAddress(), Amount = 1 }));

        await host.StartAsync();
        var intent = await host.SettledAsync("mint-2");

        Assert.Equal(ChainIntentOutcomes.Reverted, intent.Outcome);
        Assert.StartsWith("AccessControlUnauthorizedAccount(" + outsider.GetPublicAddress(), intent.Error!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("AccessControlUnauthorizedAccount", MLGov.Platform.Chain.Transactions.ContractErrors.NameOf(intent.ErrorData));
        Assert.Null(intent.TransactionHash);
        using var anvil = new AnvilControl(Rpc);
        Assert.Equal(0, await anvil.NonceAsync(outsider.GetPublicAddress()));
    }

    [Fact]
    public async Task A_commit_that_fails_sends_nothing_and_leaves_no_index_entry()
    {
        var key = await FundedKeyAsync();
        await using var host = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey());
        var store = host.Stores.For<Azure.Data.Tables.TableEntity>(SenderHost.Table);
        var first = await store.BatchAsync("p-dup", CancellationToken.None);
        first.Add(new Azure.Data.Tables.TableEntity("p-dup", "state"));
        await first.CommitAsync(CancellationToken.None);

        var second = await store.BatchAsync("p-dup", CancellationToken.None);
        second.Add(new Azure.Data.Tables.TableEntity("p-dup", "state"));
        second.RequestTransaction(ChainIntent.Create("never", "transfer", EthECKey.GenerateKey().GetPublicAddress(), [], 1));
        await Assert.ThrowsAsync<MLGov.Core.Errors.AlreadyExistsException>(() => second.CommitAsync(CancellationToken.None));

        Assert.Empty(await host.Sender.Ledger.ListPendingEntriesAsync(10, CancellationToken.None));
        await host.Sender.RunOnceAsync(CancellationToken.None);
        using var anvil = new AnvilControl(Rpc);
        Assert.Equal(0, await anvil.NonceAsync(key.GetPublicAddress()));
    }

    [Fact]
    public async Task An_intent_in_a_table_no_sender_works_from_is_refused_at_once()
    {
        var (stores, _) = TestTableStores.WithChainIntents(_fixture, "app");
        var batch = await stores.For<Azure.Data.Tables.TableEntity>("other").BatchAsync("p", CancellationToken.None);

        var refused = Assert.Throws<InvalidOperationException>(() => batch.RequestTransaction(ChainIntent.Create("x", "transfer", EthECKey.GenerateKey().GetPublicAddress(), [], 1)));

        Assert.Contains("AddChainIntents", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hosts_sharing_one_key_send_200_intents_each_mined_once_with_contiguous_nonces()
    {
        var key = await FundedKeyAsync();
        var address = key.GetPublicAddress();
        using var anvil = new AnvilControl(Rpc);
        var firstBlock = await anvil.BlockNumberAsync() + 1;
        await using var a = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey());
        await using var b = SenderHost.Create(_fixture, Rpc, key.GetPrivateKey(), prefix: a.Prefix);
        var recipients = Enumerable.Range(0, 200).Select(_ => EthECKey.GenerateKey().GetPublicAddress()).ToList();

        await a.StartAsync();
        await b.StartAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await (i % 2 == 0 ? a : b).RequestAsync(ChainIntent.Create($"pay-{i}", "transfer", recipients[i], [], 1000 + i)));

        var intents = await a.AllSettledAsync(Enumerable.Range(0, 200).Select(i => $"pay-{i}").ToList(), TimeSpan.FromMinutes(3));

        Assert.All(intents, i => Assert.Equal(ChainIntentOutcomes.Mined, i.Outcome));
        Assert.Equal(Enumerable.Range(0, 200).Select(n => (long?)n), intents.Select(i => i.Nonce).Order());
        var mined = await anvil.MinedFromAsync(address, firstBlock, await anvil.BlockNumberAsync());
        Assert.Equal(200, mined.Count);
        Assert.Equal(200, await anvil.NonceAsync(address));
        for (var i = 0; i < 200; i++)
        {
            var balance = await anvil.CallAsync("eth_getBalance", recipients[i], "latest");
            Assert.Equal(1000 + i, Convert.ToInt64(balance.GetString(), 16));
        }
    }

    private async Task<EthECKey> FundedKeyAsync()
    {
        var key = EthECKey.GenerateKey();
        using var anvil = new AnvilControl(Rpc);
        await anvil.SetBalanceAsync(key.GetPublicAddress(), BigInteger.Pow(10, 20));
        return key;
    }

    private async Task<string> TokenAdministeredByAsync(EthECKey admin)
    {
        using var client = TestChain.Client(Rpc, admin.GetPrivateKey());
        var receipt = await client.DeployAsync(new TestTokenDeployment { Name = "T", Symbol = "T", Decimals = 0, Admin = admin.GetPublicAddress() }, CancellationToken.None);
        return receipt.ContractAddress;
    }

    private async Task<BigInteger> BalanceAsync(string token, string holder)
    {
        using var client = TestChain.Client(Rpc, null);
        return await client.QueryValueAsync<BalanceOfFunction, BigInteger>(token, new BalanceOfFunction { Account = holder }, CancellationToken.None);
    }
}
