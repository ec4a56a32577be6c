using Microsoft.Extensions.Configuration;
using MLGov.DevStack;
using Xunit;

namespace MLGov.Testing;

/// <summary>
/// The real Azurite and anvil and the Service Bus emulator (in-process, repository topology),
/// started once per test process and shared by every test class that uses this fixture (tests
/// isolate themselves with unique table prefixes and fresh contracts; tests whose consumers must
/// not compete for messages start an emulator of their own). They stop when the process exits;
/// the launcher's watchdog stops Azurite and anvil even if the run is killed.
/// </summary>
public sealed class DependenciesFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<LocalDependencies>> Shared = new(StartShared);

    public LocalDependencies Dependencies { get; private set; } = null!;

    public async Task InitializeAsync() => Dependencies = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>App configuration pointing at the shared dependencies, with a table prefix unique to the caller.</summary>
    public IConfiguration Configuration(IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>(Dependencies.Configuration)
        {
            ["Tables:TablePrefix"] = UniquePrefix(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>A table-name prefix no other test uses: "t" + 12 hex digits.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<LocalDependencies> StartShared()
    {
        var dependencies = await LocalDependencies.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dependencies.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return dependencies;
    }
}
