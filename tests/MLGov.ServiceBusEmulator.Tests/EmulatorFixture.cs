using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

/// <summary>One emulator on a free loopback port and one SDK client, shared by the tests of a class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _emulator;
    private ServiceBusClient? _client;

    public EmulatorServer Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public ServiceBusClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Topology = TestTopology.Create() });
        _client = CreateClient();
    }

    /// <summary>A client with short retries, so a failing test fails fast.</summary>
    public ServiceBusClient CreateClient() => new(Emulator.ConnectionString, new ServiceBusClientOptions
    {
        RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, TryTimeout = TimeSpan.FromSeconds(20), Delay = TimeSpan.FromMilliseconds(200) },
    });

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
