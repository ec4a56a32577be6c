using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Core.Events.Chain;
using MLGov.DevStack;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;
using Nethereum.Signer;

// Chain-write throughput on anvil (automine) and Azurite: N intents, each committed with a state row in
// its own partition, then timed from the first commit until every intent row carries its mined outcome.
// Runs with one sender, then with two senders sharing the key (two instances of a scaled-out app).
//   dotnet run -c Release --project bench/MLGov.Bench.Chain [-- --intents 400]
var intents = args.Length >= 2 && args[0] == "--intents" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
await using var azurite = await AzuriteServer.StartAsync(0, CancellationToken.None);
await using var anvil = await AnvilServer.StartAsync(0, AnvilServer.DefaultChainId, CancellationToken.None);
Console.WriteLine($"Chain writes, {intents} intents per run, anvil automine, Azurite in memory, {Environment.ProcessorCount} cores");
foreach (var senders in new[] { 1, 2 })
{
    var (elapsed, perSecond) = await RunAsync(senders, intents);
    Console.WriteLine($"{senders} sender(s): {intents} intents committed → mined and written back in {elapsed.TotalSeconds:0.0} s = {perSecond:0.0} intents/s");
}

async Task<(TimeSpan Elapsed, double PerSecond)> RunAsync(int senderCount, int count)
{
    var key = EthECKey.GenerateKey();
    await FundAsync(key.GetPublicAddress());
    var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
    var tables = new TablesOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix };
    var outboxTables = new OutboxTables();
    outboxTables.Names.Add("app");
    var senders = new List<ChainIntentSender>();
    TableStores? requester = null;
    for (var i = 0; i < senderCount; i++)
    {
        var signal = new ChainIntentSignal(prefix + "app");
        var stores = new TableStores(new TableServiceClient(azurite.ConnectionString), Options.Create(tables), new OutboxSignal(Options.Create(tables), Options.Create(outboxTables)), signal);
        requester ??= stores;
        senders.Add(new ChainIntentSender(
            signal,
            new LocalKeySigner(key.GetPrivateKey()),
            stores,
            Options.Create(new ChainOptions { RpcUrl = anvil.RpcUrl, ChainId = anvil.ChainId }),
            Options.Create(new ChainIntentOptions { Confirmations = 1, PollInterval = TimeSpan.FromMilliseconds(100) }),
            Options.Create(new ChainFeeOptions()),
            [],
            new ChainIntentStatus(),
            TimeProvider.System,
            NullLogger<ChainIntentSender>.Instance,
            new ChainIntentEventPublisher<RiskChainIntentSettledV1>()));
    }

    var store = requester!.For<TableEntity>("app");
    var recipients = Enumerable.Range(0, count).Select(_ => EthECKey.GenerateKey().GetPublicAddress()).ToList();
    foreach (var sender in senders)
    {
        await sender.StartAsync(CancellationToken.None);
    }

    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var batch = await store.BatchAsync("p-" + i.ToString(CultureInfo.InvariantCulture), ct);
        batch.Add(new TableEntity(batch.PartitionKey, "state"));
        batch.RequestTransaction(ChainIntent.Create("pay-" + i.ToString(CultureInfo.InvariantCulture), "transfer", recipients[i], [], BigInteger.One));
        await batch.CommitAsync(ct);
    });

    var intentsTable = requester.For<ChainIntentRow>("app");
    var pending = Enumerable.Range(0, count).ToHashSet();
    while (pending.Count > 0)
    {
        foreach (var i in pending.ToList())
        {
            var row = await intentsTable.FindAsync("p-" + i.ToString(CultureInfo.InvariantCulture), ChainIntentRow.RowKeyOf("pay-" + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);
            if (row?.Outcome is not null)
            {
                if (row.Outcome != ChainIntentOutcomes.Mined)
                {
                    throw new InvalidOperationException($"Intent pay-{i} settled {row.Outcome}: {row.Error}");
                }

                pending.Remove(i);
            }
        }

        if (pending.Count > 0)
        {
            await Task.Delay(100);
        }
    }

    var elapsed = clock.Elapsed;
    foreach (var sender in senders)
    {
        await sender.StopAsync(CancellationToken.None);
        sender.Dispose();
    }

    return (elapsed, count / elapsed.TotalSeconds);
}

async Task FundAsync(string address)
{
    using var http = new HttpClient();
    var request = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "anvil_setBalance", @params = new object[] { address, "0x3635C9ADC5DEA00000" } });
    using var response = await http.PostAsync(anvil.RpcUrl, new StringContent(request, Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
}
