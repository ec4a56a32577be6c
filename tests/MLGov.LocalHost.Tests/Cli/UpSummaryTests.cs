using MLGov.Cli.Up;
using MLGov.Testing;

namespace MLGov.LocalHost.Tests.Cli;

public sealed class UpSummaryTests
{
    private const string ServiceBus =
        "Endpoint=sb://127.0.0.1:45678;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE_THAT_IS_LONG;UseDevelopmentEmulator=true";

    [Fact]
    public void Addresses_and_connection_strings_are_written_whole_on_one_line_in_a_narrow_console()
    {
        using var console = new RecordingConsole();
        console.Console.Profile.Width = 40;
        var apps = new[]
        {
            new AppHealth("identity", new Uri("http://127.0.0.1:7071/api/identity/"), 200, "tables: healthy, chain: healthy, serviceBus: healthy"),
            new AppHealth("registry", new Uri("http://127.0.0.1:7071/api/registry/"), 503, "tables: healthy, chain: unhealthy"),
        };
        var places = new[]
        {
            new KeyValuePair<string, string>("Service Bus (emulator)", ServiceBus),
            new KeyValuePair<string, string>("Tables (Azurite)", "http://127.0.0.1:41234/devstoreaccount1"),
            new KeyValuePair<string, string>("Deployment record", "/work/some/long/path/to/the/repository/.mlgov/local/deployment.json"),
        };

        UpSummary.Write(console.Console, apps, places);

        var lines = console.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        foreach (var value in apps.Select(a => a.BaseUrl.ToString()).Concat(places.Select(p => p.Value)))
        {
            Assert.Contains(lines, line => line.Contains(value, StringComparison.Ordinal));
        }

        Assert.Contains(lines, line => line.Contains("503", StringComparison.Ordinal));
    }
}
