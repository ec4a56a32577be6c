using MLGov.DevStack;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.Platform.Tests.Messaging.Events;

[Collection(Backbone.Collection)]
public sealed class CatalogTests
{
    [Fact]
    public async Task Every_platform_event_goes_to_its_publishers_topic_which_the_topology_defines_with_duplicate_detection()
    {
        var topology = await TopologyLoader.LoadAsync(LocalDependencies.TopologyPath);

        Assert.NotEmpty(EventCatalog.Platform.All);
        foreach (var definition in EventCatalog.Platform.All)
        {
            Assert.Equal(EventTopics.Of(definition.Publisher), definition.Topic);
            var topic = Assert.Single(topology.Topics, t => t.Name == definition.Topic);
            Assert.Contains(definition.Publisher, topic.Publishers);
            Assert.True(topic.RequiresDuplicateDetection, $"{topic.Name} must detect duplicates: the outbox resends after a crash.");
            Assert.Contains(topic.Subscriptions, s => s.Rules.Count == 0 || s.Rules.Any(r => r.CorrelationFilter?.Subject == definition.Type));
        }
    }

    [Fact]
    public async Task Every_app_has_a_topic_of_its_own()
    {
        var topology = await TopologyLoader.LoadAsync(LocalDependencies.TopologyPath);

        foreach (var app in new[] { "identity", "registry", "voting", "finance", "risk" })
        {
            var topic = Assert.Single(topology.Topics, t => t.Name == EventTopics.Of(app));
            Assert.Equal([app], topic.Publishers);
        }
    }

    [Fact]
    public void Type_names_carry_publisher_and_version()
    {
        var definition = EventDefinition.Of<WidgetShippedV1>();

        Assert.Equal("test", definition.Publisher);
        Assert.Equal(1, definition.Version);
        Assert.Equal("/mlgov/test", definition.Source.OriginalString);
        Assert.Throws<InvalidOperationException>(() => EventDefinition.Of<BadlyNamedV1>());
    }

    [Fact]
    public void One_type_name_cannot_map_to_two_schemas()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EventCatalog([EventDefinition.Of<WidgetShippedV1>(), EventDefinition.Of<ImpostorV1>()]));

        Assert.Contains("com.mlgov.test.widget.shipped.v1", error.Message, StringComparison.Ordinal);
        Assert.True(EventCatalog.Platform.With([EventDefinition.Of<WidgetShippedV1>()]).TryFind(WidgetShippedV1.EventType, out var found));
        Assert.Equal(typeof(WidgetShippedV1), found.Schema);
        Assert.False(EventCatalog.Platform.TryFind(WidgetShippedV1.EventType, out _));
    }

    private sealed record BadlyNamedV1 : IIntegrationEvent
    {
        public static string EventType => "WidgetShipped";

        public static string Topic => "test-events";

        public string Subject => "x";

        public IEnumerable<string> Validate() => [];
    }

    private sealed record ImpostorV1 : IIntegrationEvent
    {
        public static string EventType => WidgetShippedV1.EventType;

        public static string Topic => "test-events";

        public string Subject => "x";

        public IEnumerable<string> Validate() => [];
    }
}
