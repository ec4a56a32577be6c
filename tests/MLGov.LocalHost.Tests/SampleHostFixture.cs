using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.LocalHost.Tests.SampleApp;

namespace MLGov.LocalHost.Tests;

/// <summary>The sample app served by a local host on a free port, timers switched off.</summary>
public sealed class SampleHostFixture : IAsyncLifetime
{
    public const string MasterKey = "master-key-0123456789";
    public const string HostKey = "host-key-0123456789";
    public const string PartKey = "part-function-key-0123";
    public const string ResetKey = "reset-function-key-0123";

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var keys = new FunctionKeys { Master = MasterKey };
        keys.Host["default"] = HostKey;
        keys.Functions["GetPart"] = new Dictionary<string, string> { ["default"] = PartKey };
        keys.Functions["AdminReset"] = new Dictionary<string, string> { ["default"] = ResetKey };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NightlySchedule"] = "0 0 3 * * *" }).Build();
        Host = await LocalFunctionsHost.StartAsync(
            [SampleAppDefinition.Create(new TickCounter())],
            configuration,
            new LocalHostOptions { Port = 0, EnableTimers = false, Keys = keys },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
