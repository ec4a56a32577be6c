using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Core.Events.Chain;
using MLGov.DevStack;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Chain.Transactions;

/// <summary>
/// One "host" of an app that writes to the chain: table stores declaring the intent table, and a
/// <see cref="ChainIntentSender"/> with the app's key, as AddChainIntents wires them. Two hosts built
/// with the same prefix and key share the tables and the account, as two instances of a scaled-out app do.
/// </summary>
internal sealed class SenderHost : IAsyncDisposable
{
    public const string Table = "app";

    private SenderHost(TableStores stores, ChainIntentSender sender, string prefix, ChainIntentStatus status)
    {
        Stores = stores;
        Sender = sender;
        Prefix = prefix;
        Status = status;
    }

    public TableStores Stores { get; }

    public ChainIntentSender Sender { get; }

    public ChainIntentStatus Status { get; }

    public string Prefix { get; }

    public bool Running { get; private set; }

    public static SenderHost Create(
        DependenciesFixture fixture, Uri rpc, string key, string? prefix = null, Action<ChainIntentOptions>? configure = null,
        IEnumerable<IChainIntentOutcomeHandler>? handlers = null, Action<ChainFeeOptions>? fees = null)
    {
        prefix ??= DependenciesFixture.UniquePrefix();
        var (stores, signal) = TestTableStores.WithChainIntents(fixture, Table, prefix);
        var options = new ChainIntentOptions
        {
            Confirmations = 1,
            PollInterval = TimeSpan.FromMilliseconds(100),
            RebroadcastAfter = TimeSpan.FromSeconds(1),
            ReplaceAfter = TimeSpan.FromMinutes(10),
            MaxBackoff = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);
        var feeOptions = new ChainFeeOptions();
        fees?.Invoke(feeOptions);
        var status = new ChainIntentStatus();
        var sender = new ChainIntentSender(
            signal,
            new LocalKeySigner(key),
            stores,
            Options.Create(new ChainOptions { RpcUrl = rpc, ChainId = AnvilServer.DefaultChainId, RequestTimeout = TimeSpan.FromSeconds(2) }),
            Options.Create(options),
            Options.Create(feeOptions),
            handlers ?? [],
            status,
            TimeProvider.System,
            NullLogger<ChainIntentSender>.Instance,
            new ChainIntentEventPublisher<RiskChainIntentSettledV1>());
        return new SenderHost(stores, sender, prefix, status);
    }

    public async Task StartAsync()
    {
        await Sender.StartAsync(CancellationToken.None);
        Running = true;
    }

    /// <summary>Stops the sender where it is, as a process that is killed: nothing is finished or undone.</summary>
    public async Task StopAsync()
    {
        if (Running)
        {
            Running = false;
            await Sender.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Requests one intent in its own partition, as a domain state change would (with a state row).</summary>
    public async Task RequestAsync(ChainIntent intent, string? partition = null)
    {
        var store = Stores.For<Azure.Data.Tables.TableEntity>(Table);
        var batch = await store.BatchAsync(partition ?? "p-" + intent.Id, CancellationToken.None);
        batch.Add(new Azure.Data.Tables.TableEntity(batch.PartitionKey, "state") { ["Requested"] = intent.Id });
        batch.RequestTransaction(intent);
        await batch.CommitAsync(CancellationToken.None);
    }

    public async Task<ChainIntentRow?> IntentAsync(string intentId, string? partition = null) =>
        await Stores.For<ChainIntentRow>(Table).FindAsync(partition ?? "p-" + intentId, ChainIntentRow.RowKeyOf(intentId), CancellationToken.None);

    public Task<ChainIntentRow> SettledAsync(string intentId, TimeSpan? timeout = null, string? partition = null) =>
        Eventually.GetAsync(async () => await IntentAsync(intentId, partition) is { Outcome: not null } row ? row : null, $"intent {intentId} to settle", timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Waits until every intent has settled, reading them in one pass at a time (not one poller each, which would flood the table service).</summary>
    public async Task<IReadOnlyList<ChainIntentRow>> AllSettledAsync(IReadOnlyList<string> intentIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var settled = new Dictionary<string, ChainIntentRow>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var id in intentIds.Where(id => !settled.ContainsKey(id)).ToList())
            {
                if (await IntentAsync(id) is { Outcome: not null } row)
                {
                    settled[id] = row;
                }
            }

            if (settled.Count == intentIds.Count)
            {
                return intentIds.Select(id => settled[id]).ToList();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{intentIds.Count - settled.Count} of {intentIds.Count} intents did not settle in {timeout}.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits for the active ledger row of an intent to satisfy a condition.</summary>
    public Task<ChainTransactionRow> ActiveRowAsync(string intentId, Func<ChainTransactionRow, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            async () => (await Sender.Ledger.ListActiveAsync(CancellationToken.None)).FirstOrDefault(r => r.IntentId == intentId && condition(r)),
            what,
            timeout ?? TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Sender.Dispose();
    }
}
