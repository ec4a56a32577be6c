using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.LocalHost;
using MLGov.ServiceBusEmulator;
using MLGov.Testing;

namespace MLGov.EndToEnd.Tests.Voting;

/// <summary>
/// The five apps on the shared Azurite, anvil and a Service Bus emulator of their own, the voting app on a
/// <see cref="ShiftedClock"/> so a test can jump past a proposal's end instead of waiting for it, and closing after no grace.
/// </summary>
public sealed class VotingStackFixture : IAsyncLifetime
{
    private readonly DependenciesFixture _dependencies = new();

    public ShiftedClock Clock { get; } = new();

    public EmulatorServer Emulator { get; private set; } = null!;

    public LocalFunctionsHost Host { get; private set; } = null!;

    public IConfiguration Configuration { get; private set; } = null!;

    public DependenciesFixture Dependencies => _dependencies;

    public async Task InitializeAsync()
    {
        await _dependencies.InitializeAsync();
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, TopologyPath = MLGov.DevStack.LocalDependencies.TopologyPath });
        var configuration = StackFixture.ConfigurationFor(_dependencies, Emulator, DependenciesFixture.UniquePrefix());
        Configuration = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Voting:CloseGrace"] = "00:00:00" })
            .Build();
        Host = await StackFixture.StartHostAsync(StackFixture.AppsWith("voting", services => services.AddSingleton<TimeProvider>(Clock)), Configuration);
    }

    public HttpClient Client(string? key = StackFixture.HostKey) => StackFixture.ClientFor(Host, key);

    /// <summary>Runs the closing timer now (the host's admin API, master key) and waits until the proposal is tallied.</summary>
    public async Task CloseAsync(HttpClient client, string proposalId)
    {
        using (var admin = Client(key: null))
        {
            using var run = await admin.PostAsync(new Uri("admin/functions/VotingCloseProposals?code=" + StackFixture.Keys().Master, UriKind.Relative), null);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, run.StatusCode);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                var proposal = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(new Uri("api/voting/proposals/" + proposalId, UriKind.Relative));
                return proposal!["state"]!.GetValue<string>() != "closing";
            },
            "the closing timer to tally the proposal");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
