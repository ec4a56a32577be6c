using System.ComponentModel.DataAnnotations;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLGov.Platform.Messaging;

using MLGov.Platform.Tests.Messaging.Support;

namespace MLGov.Platform.Tests.Messaging.Events;

[Collection(Backbone.Collection)]
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true;", null, true)]
    [InlineData(null, "sb-abc.servicebus.windows.net", true)]
    [InlineData(null, null, false)]
    [InlineData("Endpoint=sb://x;", "sb-abc.servicebus.windows.net", false)]
    [InlineData(null, "https://sb-abc.servicebus.windows.net/", false)]
    public void Exactly_one_way_to_reach_service_bus_is_configured(string? connectionString, string? fullyQualifiedNamespace, bool valid)
    {
        var options = new ServiceBusOptions { ConnectionString = connectionString, FullyQualifiedNamespace = fullyQualifiedNamespace };

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Equal(valid, results.Count == 0);
    }

    [Fact]
    public async Task In_azure_the_client_is_built_for_the_configured_namespace()
    {
        await using var provider = Services(new() { ["ServiceBus:FullyQualifiedNamespace"] = "sb-abc.servicebus.windows.net" });

        var client = provider.GetRequiredService<ServiceBusClient>();

        Assert.Equal("sb-abc.servicebus.windows.net", client.FullyQualifiedNamespace);
    }

    [Fact]
    public async Task Both_settings_at_once_fail_when_the_options_are_read()
    {
        await using var provider = Services(new()
        {
            ["ServiceBus:FullyQualifiedNamespace"] = "sb-abc.servicebus.windows.net",
            ["ServiceBus:ConnectionString"] = "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true;",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value);

        Assert.Contains("exactly one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("risk-events/Subscriptions/finance-payouts", "risk-events", "finance-payouts")]
    [InlineData("/risk-events/subscriptions/finance-payouts/$DeadLetterQueue", "risk-events", "finance-payouts")]
    [InlineData("jobs", "jobs", null)]
    [InlineData("jobs/$deadletterqueue", "jobs", null)]
    public void Entity_paths_name_a_queue_or_a_subscription(string path, string queueOrTopic, string? subscription)
    {
        var entity = ServiceBusEntity.Parse(path);

        Assert.Equal(queueOrTopic, entity.QueueOrTopic);
        Assert.Equal(subscription, entity.Subscription);
        Assert.Equal(queueOrTopic, entity.SendTarget);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("t/Subscriptions")]
    [InlineData("t/Rules/x")]
    [InlineData("$DeadLetterQueue")]
    [InlineData("t/Subscriptions/s/extra")]
    [InlineData("bad name")]
    public void Anything_else_is_not_an_entity_path(string path)
    {
        Assert.False(ServiceBusEntity.TryParse(path, out _));
        Assert.Throws<FormatException>(() => ServiceBusEntity.Parse(path));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddMLGovServiceBus().BuildServiceProvider();
    }
}
