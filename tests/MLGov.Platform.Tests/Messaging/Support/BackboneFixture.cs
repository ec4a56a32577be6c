using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using MLGov.ServiceBusEmulator;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>
/// The shared Azurite (and anvil) of the test run, plus a Service Bus emulator of this class's own
/// with the test topology, so no other test's consumer competes for its messages.
/// </summary>
public sealed class BackboneFixture : IAsyncLifetime
{
    private readonly DependenciesFixture _dependencies = new();

    public EmulatorServer Emulator { get; private set; } = null!;

    public ServiceBusClient Client { get; private set; } = null!;

    public DependenciesFixture Dependencies => _dependencies;

    public async Task InitializeAsync()
    {
        await _dependencies.InitializeAsync();
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Topology = MessagingTopology.Create() });
        Client = new ServiceBusClient(Emulator.ConnectionString);
    }

    /// <summary>Configuration of a test app: the shared tables under a fresh prefix, this class's emulator, fast retries.</summary>
    public IConfiguration Configuration(string? tablePrefix = null, IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = Emulator.ConnectionString,
            ["Messaging:RetryBaseDelay"] = "00:00:00.050",
            ["Messaging:RetryMaxDelay"] = "00:00:00.200",
            ["Messaging:OutboxPollInterval"] = "00:00:00.200",
        };
        if (tablePrefix is not null)
        {
            values["Tables:TablePrefix"] = tablePrefix;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return _dependencies.Configuration(values);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
