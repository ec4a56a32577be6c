using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Contracts.TestToken;
using MLGov.DevStack;
using MLGov.Platform.Chain;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Chain;

/// <summary>
/// A real JSON-RPC proxy in front of anvil that forwards a transaction and then loses the node's
/// answer: the client cannot know whether it was sent, and must find out before sending again.
/// </summary>
public sealed class LostResponseTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _fixture;

    public LostResponseTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_transaction_whose_answer_was_lost_is_looked_up_not_sent_again()
    {
        var key = Nethereum.Signer.EthECKey.GenerateKey();
        await FundAsync(key.GetPublicAddress());
        using var direct = Client(_fixture.Dependencies.Anvil.RpcUrl, key.GetPrivateKey());
        var token = (await direct.DeployAsync(new TestTokenDeployment { Name = "T", Symbol = "T", Decimals = 0, Admin = direct.OperatorAddress! }, CancellationToken.None)).ContractAddress;

        var lost = 0;
        await using var proxy = await StartProxyAsync(_fixture.Dependencies.Anvil.RpcUrl, method => method == "eth_sendRawTransaction" && Interlocked.Increment(ref lost) == 1);
        using var client = Client(proxy.Uri, key.GetPrivateKey());
        var holder = Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress();

        var receipt = await client.SendAsync(token, new MintFunction { To = holder, Amount = 5 }, CancellationToken.None);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(1, lost);
        Assert.Equal(new BigInteger(5), await direct.QueryValueAsync<BalanceOfFunction, BigInteger>(token, new BalanceOfFunction { Account = holder }, CancellationToken.None));

        // The next send still gets the next nonce: nothing was skipped or reused.
        await client.SendAsync(token, new MintFunction { To = holder, Amount = 1 }, CancellationToken.None);
        Assert.Equal(new BigInteger(6), await direct.QueryValueAsync<BalanceOfFunction, BigInteger>(token, new BalanceOfFunction { Account = holder }, CancellationToken.None));
    }

    private static ChainClient Client(Uri rpc, string key) => new(
        Options.Create(new ChainOptions { RpcUrl = rpc, ChainId = AnvilServer.DefaultChainId, OperatorKey = key, MaxRetries = 3 }),
        NullLogger<ChainClient>.Instance);

    private async Task FundAsync(string address)
    {
        using var http = new HttpClient();
        var request = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "anvil_setBalance", @params = new object[] { address, "0x56BC75E2D63100000" } });
        using var response = await http.PostAsync(_fixture.Dependencies.Anvil.RpcUrl, new StringContent(request, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<Proxy> StartProxyAsync(Uri upstream, Func<string, bool> loseAnswer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var http = new HttpClient();
        app.MapPost("/", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var method = JsonDocument.Parse(body).RootElement.GetProperty("method").GetString()!;
            using var forwarded = await http.PostAsync(upstream, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await forwarded.Content.ReadAsStringAsync();
            if (loseAnswer(method))
            {
                // The node has the transaction; the client only sees a gateway failure.
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new Proxy(app, http, new Uri(address));
    }

    private sealed class Proxy(WebApplication app, HttpClient http, Uri uri) : IAsyncDisposable
    {
        public Uri Uri { get; } = uri;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            http.Dispose();
        }
    }
}
