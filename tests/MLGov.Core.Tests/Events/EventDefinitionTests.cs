using MLGov.Core.Events;

namespace MLGov.Core.Tests.Events;

public sealed class EventDefinitionTests
{
    [Fact]
    public void Publisher_version_and_source_follow_from_the_type_name()
    {
        var definition = EventDefinition.Of<ParcelShippedV12>();

        Assert.Equal("com.mlgov.post.parcel.shipped.v12", definition.Type);
        Assert.Equal(typeof(ParcelShippedV12), definition.Schema);
        Assert.Equal("post-events", definition.Topic);
        Assert.Equal("post", definition.Publisher);
        Assert.Equal(12, definition.Version);
        Assert.Equal(new Uri("/mlgov/post", UriKind.Relative), definition.Source);
    }

    [Fact]
    public void A_type_name_off_the_pattern_is_refused_at_definition()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventDefinition.Of<UpperCaseNameV1>());

        Assert.Contains("'com.mlgov.Post.parcel.lost.v1'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UpperCaseNameV1), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_needs_a_topic()
    {
        Assert.Throws<ArgumentException>(() => EventDefinition.Of<NoTopicV1>());
    }

    [Fact]
    public void Definitions_of_one_type_are_equal()
    {
        Assert.Equal(EventDefinition.Of<ParcelLostV1>(), EventDefinition.Of<ParcelLostV1>());
        Assert.NotEqual(EventDefinition.Of<ParcelLostV1>(), EventDefinition.Of<ParcelShippedV12>());
    }
}
