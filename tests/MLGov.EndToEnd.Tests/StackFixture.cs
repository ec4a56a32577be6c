using System.Net.Http.Headers;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLGov.LocalStack;
using MLGov.DevStack;
using MLGov.Finance.Payouts;
using MLGov.LocalHost;
using MLGov.Testing;
using MLGov.Core.Events.Risk;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Consuming;
using MLGov.ServiceBusEmulator;

namespace MLGov.EndToEnd.Tests;

/// <summary>
/// The five apps on the local host over the shared Azurite and anvil, with a Service Bus emulator of
/// their own (the repository topology), so no other host's consumers take their messages. Finance's
/// breach handler is wrapped in <see cref="FlakyOnce"/> to observe and disturb it.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const string HostKey = "test-host-key";

    private static readonly ILoggerFactory Logging = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

    private readonly DependenciesFixture _dependencies = new();

    public HandlerProbe Probe { get; } = new();

    public EmulatorServer Emulator { get; private set; } = null!;

    public LocalFunctionsHost Host { get; private set; } = null!;

    public IConfiguration Configuration { get; private set; } = null!;

    public string TablePrefix => Configuration["Tables:TablePrefix"]!;

    public DependenciesFixture Dependencies => _dependencies;

    public static FunctionKeys Keys()
    {
        var keys = new FunctionKeys { Master = "test-master-key" };
        keys.Host["default"] = HostKey;
        return keys;
    }

    /// <summary>The five apps, with changes to one app's registration (after its own).</summary>
    public static IReadOnlyList<FunctionAppDefinition> AppsWith(string app, Action<IServiceCollection> change) =>
        AppsWith(new Dictionary<string, Action<IServiceCollection>> { [app] = change });

    /// <summary>The five apps, with changes to some apps' registrations (after their own).</summary>
    public static IReadOnlyList<FunctionAppDefinition> AppsWith(IReadOnlyDictionary<string, Action<IServiceCollection>> changes) =>
        FunctionApps.All.Select(d => !changes.TryGetValue(d.Name, out var change) ? d : d with
        {
            Configure = (builder, configuration) =>
            {
                d.Configure(builder, configuration);
                change(builder.Services);
            },
        }).ToList();

    /// <summary>Finance's handler on risk-events/finance-payouts, wrapped to observe it.</summary>
    public static Action<IServiceCollection> ObserveFinance(HandlerProbe probe) => services =>
    {
        var key = EventHandlerRegistration.HandlerKeyOf(ServiceBusEntity.ForSubscription(SlaBreachedV1.Topic, PayoutOnSlaBreach.Subscription), SlaBreachedV1.EventType);
        services.AddKeyedScoped<IEventHandler<SlaBreachedV1>>(key, (provider, _) => new FlakyOnce(ActivatorUtilities.CreateInstance<PayoutOnSlaBreach>(provider), probe));
    };

    public async Task InitializeAsync()
    {
        await _dependencies.InitializeAsync();
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, TopologyPath = LocalDependencies.TopologyPath });
        Configuration = ConfigurationFor(_dependencies, Emulator, DependenciesFixture.UniquePrefix());
        Host = await StartHostAsync(AppsWith("finance", ObserveFinance(Probe)), Configuration);
    }

    /// <summary>App configuration: the shared tables under a prefix, the given emulator, fast retries and polls.</summary>
    public static IConfiguration ConfigurationFor(DependenciesFixture dependencies, EmulatorServer emulator, string tablePrefix) =>
        dependencies.Configuration(new Dictionary<string, string?>
        {
            ["Tables:TablePrefix"] = tablePrefix,
            ["ServiceBus:ConnectionString"] = emulator.ConnectionString,
            ["Messaging:RetryBaseDelay"] = "00:00:00.100",
            ["Messaging:RetryMaxDelay"] = "00:00:00.500",
            ["Messaging:OutboxPollInterval"] = "00:00:00.500",
            ["Health:CacheDuration"] = "00:00:00",
            ["Identity:IssuerKey"] = IssuerKey,
            ["Identity:Resolver:AllowLoopbackHttp"] = "true",
            ["Identity:Presentations:StatusListCacheTtl"] = "00:00:00",
        });

    /// <summary>The identity app's issuer key in these stacks: a fresh Ed25519 key per test run.</summary>
    public static string IssuerKey { get; } = MLGov.Trust.Jose.PrivateJwk.Write(MLGov.Trust.Keys.SigningKey.Generate(MLGov.Trust.Keys.KeyType.Ed25519));

    public static Task<LocalFunctionsHost> StartHostAsync(IEnumerable<FunctionAppDefinition> apps, IConfiguration configuration) =>
        LocalFunctionsHost.StartAsync(apps, configuration, new LocalHostOptions { Port = 0, Keys = Keys(), EnableTimers = false }, Logging, CancellationToken.None);

    public static HttpClient ClientFor(LocalFunctionsHost host, string? key = HostKey)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A table of this stack's prefix, read directly.</summary>
    public TableClient Table(string name) => new(_dependencies.Dependencies.Azurite.ConnectionString, TablePrefix + name);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
