using System.Net;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MLGov.DevStack;
using MLGov.LocalHost;
using MLGov.LocalStack;
using MLGov.Operations.Chain;
using MLGov.Platform.Chain.Transactions;
using MLGov.ServiceBusEmulator;
using MLGov.Testing;
using Nethereum.Signer;

namespace MLGov.EndToEnd.Tests;

/// <summary>
/// Chain writes through the running apps: each app signs with its own key, an intent recorded in Risk's
/// table is mined by Risk's sender, and operators see it at /api/risk/chain/transactions, in
/// <c>mlgov chain txs</c> and in readiness.
/// </summary>
public sealed class ChainWritesTests : IClassFixture<DependenciesFixture>, IAsyncLifetime
{
    private readonly DependenciesFixture _dependencies;
    private readonly EthECKey _riskKey = EthECKey.GenerateKey();
    private readonly EthECKey _financeKey = EthECKey.GenerateKey();
    private EmulatorServer _emulator = null!;
    private LocalFunctionsHost _host = null!;
    private IConfiguration _configuration = null!;

    public ChainWritesTests(DependenciesFixture dependencies)
    {
        _dependencies = dependencies;
    }

    public async Task InitializeAsync()
    {
        using (var anvil = new AnvilControl(_dependencies.Dependencies.Anvil.RpcUrl))
        {
            await anvil.SetBalanceAsync(_riskKey.GetPublicAddress(), BigInteger.Pow(10, 20));
        }

        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, TopologyPath = LocalDependencies.TopologyPath });
        var baseConfiguration = StackFixture.ConfigurationFor(_dependencies, _emulator, DependenciesFixture.UniquePrefix());
        _configuration = new ConfigurationBuilder()
            .AddConfiguration(baseConfiguration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{LocalAppSettings.PerAppPrefix}:risk:Chain:OperatorKey"] = _riskKey.GetPrivateKey(),
                [$"{LocalAppSettings.PerAppPrefix}:finance:Chain:OperatorKey"] = _financeKey.GetPrivateKey(),
                ["Chain:Intents:Confirmations"] = "1",
                ["Chain:Intents:PollInterval"] = "00:00:00.200",
            })
            .Build();
        _host = await StackFixture.StartHostAsync(FunctionApps.All, _configuration);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task An_intent_in_Risks_table_is_mined_with_Risks_own_key_and_shows_in_the_endpoint_the_cli_and_readiness()
    {
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        var (stores, _) = TestTableStores.WithChainIntents(_dependencies, "risk", _configuration["Tables:TablePrefix"]);
        var batch = await stores.For<Azure.Data.Tables.TableEntity>("risk").BatchAsync("incidents:inc-chain-1", CancellationToken.None);
        batch.RequestTransaction(ChainIntent.Create("inc-chain-1:refund", "refund", recipient, [], 123));
        await batch.CommitAsync(CancellationToken.None);
        using var http = StackFixture.ClientFor(_host);

        var settled = default(JsonElement);
        await Eventually.TrueAsync(
            async () =>
            {
                settled = await ListAsync(http, "risk", "?status=settled");
                return settled.GetProperty("transactions").EnumerateArray().Any(t => t.GetProperty("intentId").GetString() == "inc-chain-1:refund");
            },
            "the intent to settle");
        var transaction = settled.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("intentId").GetString() == "inc-chain-1:refund");

        Assert.Equal(_riskKey.GetPublicAddress(), settled.GetProperty("account").GetString(), ignoreCase: true);
        Assert.Equal("mined", transaction.GetProperty("status").GetString());
        var hash = transaction.GetProperty("hash").GetString()!;
        using (var anvil = new AnvilControl(_dependencies.Dependencies.Anvil.RpcUrl))
        {
            var mined = await anvil.CallAsync("eth_getTransactionByHash", hash);
            Assert.Equal(_riskKey.GetPublicAddress(), mined.GetProperty("from").GetString(), ignoreCase: true);
            Assert.Equal(123, Convert.ToInt64((await anvil.CallAsync("eth_getBalance", recipient, "latest")).GetString(), 16));
        }

        var finance = await ListAsync(http, "finance", string.Empty);
        Assert.Equal(_financeKey.GetPublicAddress(), finance.GetProperty("account").GetString(), ignoreCase: true);
        Assert.Empty(finance.GetProperty("transactions").EnumerateArray());

        using var ready = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/risk/health/ready", UriKind.Relative)));
        var chainIntents = ready.RootElement.GetProperty("dependencies").GetProperty("chain-intents");
        Assert.Equal("healthy", chainIntents.GetProperty("status").GetString());
        Assert.Equal(_riskKey.GetPublicAddress(), chainIntents.GetProperty("details").GetProperty("account").GetString(), ignoreCase: true);

        using var console = new RecordingConsole();
        var root = new System.CommandLine.RootCommand { ChainTransactionsCommand.Create(console.Console, Path.GetTempPath()) };
        var exit = await root.Parse(["chain", "txs", "--app", "risk", "--base-url", _host.BaseAddress.ToString(), "--key", StackFixture.HostKey]).InvokeAsync();
        Assert.Equal(0, exit);
        Assert.Contains("inc-chain-1:refund", console.Output, StringComparison.Ordinal);
        Assert.Contains(hash, console.Output, StringComparison.Ordinal);
        Assert.Contains("mined", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?status=stuck", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?limit=ten", "limit")]
    public async Task A_bad_query_is_a_400_problem_that_names_the_parameter(string query, string parameter)
    {
        using var http = StackFixture.ClientFor(_host);

        using var response = await http.GetAsync(new Uri("api/voting/chain/transactions" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_listing_needs_a_function_key()
    {
        using var http = StackFixture.ClientFor(_host, key: null);

        using var response = await http.GetAsync(new Uri("api/identity/chain/transactions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonElement> ListAsync(HttpClient http, string app, string query)
    {
        using var response = await http.GetAsync(new Uri($"api/{app}/chain/transactions{query}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
