using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.LocalHost;

namespace MLGov.Identity.Tests.Resolution;

/// <summary>The identity app alone on an in-process local host on a free port, did:web on loopback allowed (development).</summary>
public sealed class IdentityHostFixture : IAsyncLifetime
{
    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The platform's options are validated at start; the resolution route touches none of these dependencies, so they
        // point at closed loopback ports (the app's background work retries against them quietly).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            ["ServiceBus:ConnectionString"] = "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=unused;UseDevelopmentEmulator=true;",
            ["Chain:RpcUrl"] = "http://127.0.0.1:1",
            ["Chain:ChainId"] = "31337",
            ["Chain:OperatorKey"] = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", // anvil's published first dev key
            ["Identity:Resolver:AllowLoopbackHttp"] = "true",
            ["Identity:Resolver:Timeout"] = "00:00:02",
            ["Identity:Resolver:MaxBodyBytes"] = "4096",
            ["Identity:Resolver:CacheTtl"] = "00:00:01",
        }).Build();
        Host = await LocalFunctionsHost.StartAsync(
            [new FunctionAppDefinition(IdentityApp.Name, typeof(IdentityApp).Assembly, (builder, c) => builder.AddIdentityApp(c))],
            configuration,
            new LocalHostOptions { Port = 0, EnableTimers = false },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
