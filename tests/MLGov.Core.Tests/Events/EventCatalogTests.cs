using MLGov.Core.Events;
using MLGov.Core.Events.Risk;

namespace MLGov.Core.Tests.Events;

public sealed class EventCatalogTests
{
    [Fact]
    public void The_platform_catalog_knows_the_sla_breach()
    {
        Assert.True(EventCatalog.Platform.TryFind("com.mlgov.risk.sla.breached.v1", out var definition));
        Assert.Equal(typeof(SlaBreachedV1), definition.Schema);
        Assert.Equal("risk-events", definition.Topic);
        Assert.Contains(definition, EventCatalog.Platform.All);
    }

    [Fact]
    public void An_unknown_type_is_not_found()
    {
        Assert.False(EventCatalog.Platform.TryFind("com.mlgov.post.parcel.shipped.v12", out _));
        Assert.False(EventCatalog.Platform.TryFind("COM.MLGOV.RISK.SLA.BREACHED.V1", out _));
    }

    [Fact]
    public void With_adds_definitions_and_leaves_the_original_alone()
    {
        var extended = EventCatalog.Platform.With([EventDefinition.Of<ParcelShippedV12>(), EventDefinition.Of<ParcelLostV1>()]);

        Assert.True(extended.TryFind(ParcelShippedV12.EventType, out var shipped));
        Assert.Equal(typeof(ParcelShippedV12), shipped.Schema);
        Assert.True(extended.TryFind(ParcelLostV1.EventType, out _));
        Assert.True(extended.TryFind(SlaBreachedV1.EventType, out _));
        Assert.Equal(EventCatalog.Platform.All.Count + 2, extended.All.Count);
        Assert.False(EventCatalog.Platform.TryFind(ParcelShippedV12.EventType, out _));
    }

    [Fact]
    public void The_same_definition_twice_is_one_entry()
    {
        var catalog = new EventCatalog([EventDefinition.Of<ParcelLostV1>(), EventDefinition.Of<ParcelLostV1>()]);

        Assert.Single(catalog.All);
    }

    [Fact]
    public void One_type_name_cannot_map_to_two_schemas()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new EventCatalog([EventDefinition.Of<ParcelShippedV12>(), EventDefinition.Of<ParcelImpostorV12>()]));

        Assert.Contains("'com.mlgov.post.parcel.shipped.v12'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ParcelShippedV12), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ParcelImpostorV12), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_definitions_are_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => new EventCatalog(null!));
    }
}
