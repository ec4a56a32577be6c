using MLGov.ServiceBusEmulator.Topology;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

public sealed class TopologyLoaderTests
{
    [Fact]
    public async Task RepositoryTopology_LoadsWithItsSettings()
    {
        ServiceBusTopology topology = await TopologyLoader.LoadAsync(FindRepositoryFile("infra/servicebus/topology.json"));

        TopicDefinition risk = Assert.Single(topology.Topics, t => t.Name == "risk-events");
        Assert.True(risk.RequiresDuplicateDetection);
        Assert.Equal(TimeSpan.FromDays(14), risk.DefaultMessageTimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(10), risk.DuplicateDetectionHistoryTimeWindow);
        SubscriptionDefinition payouts = Assert.Single(risk.Subscriptions, s => s.Name == "finance-payouts");
        Assert.Equal(TimeSpan.FromMinutes(1), payouts.LockDuration);
        Assert.Equal(10, payouts.MaxDeliveryCount);
        Assert.True(payouts.DeadLetteringOnMessageExpiration);
        Assert.Equal("com.mlgov.risk.sla.breached.v1", Assert.Single(payouts.Rules).CorrelationFilter?.Subject);
    }

    [Fact]
    public async Task Emulator_StartsFromTheRepositoryTopologyFile()
    {
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            TopologyPath = FindRepositoryFile("infra/servicebus/topology.json"),
        });

        Assert.NotEqual(0, emulator.Port);
        Assert.Equal(
            $"Endpoint=sb://127.0.0.1:{emulator.Port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
            emulator.ConnectionString);
        Assert.Contains(emulator.GetEntities(), e => e.Path == "risk-events/Subscriptions/finance-payouts");
    }

    [Fact]
    public async Task Emulator_RefusesNonLoopbackAddresses()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Host = "0.0.0.0", Topology = new ServiceBusTopology() }));
    }

    [Fact]
    public async Task Emulator_OnIpv6Loopback_BracketsTheHostInTheConnectionString()
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return; // nothing to check on a machine without ::1
        }

        await using EmulatorServer emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Host = "::1", Topology = TestTopology.Create() });
        Assert.StartsWith($"Endpoint=sb://[::1]:{emulator.Port};", emulator.ConnectionString, StringComparison.Ordinal);

        await using var client = new Azure.Messaging.ServiceBus.ServiceBusClient(emulator.ConnectionString);
        await using Azure.Messaging.ServiceBus.ServiceBusSender sender = client.CreateSender("send-receive");
        await sender.SendMessageAsync(new Azure.Messaging.ServiceBus.ServiceBusMessage("over ipv6"));
        Assert.Equal(1, emulator.GetActiveMessageCount("send-receive"));
    }

    [Theory]
    [InlineData("""{ "queues": [ { "name": "a" }, { "name": "A" } ] }""")]
    [InlineData("""{ "queues": [ { "name": "a/b" } ] }""")]
    [InlineData("""{ "queues": [ { "name": "a", "lockDuration": "one minute" } ] }""")]
    public void InvalidTopology_IsRejected(string json)
    {
        Assert.ThrowsAny<Exception>(() => TopologyLoader.Parse(json));
    }

    private static string FindRepositoryFile(string relativePath)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relativePath);
    }
}
