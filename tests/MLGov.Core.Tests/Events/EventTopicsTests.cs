using MLGov.Core.Events;

namespace MLGov.Core.Tests.Events;

public sealed class EventTopicsTests
{
    [Theory]
    [InlineData("identity", EventTopics.Identity)]
    [InlineData("registry", EventTopics.Registry)]
    [InlineData("Voting", EventTopics.Voting)]
    [InlineData("FINANCE", EventTopics.Finance)]
    [InlineData("risk", EventTopics.Risk)]
    public void Each_app_publishes_to_app_events(string app, string topic)
    {
        Assert.Equal(app.ToLowerInvariant() + "-events", topic);
        Assert.Equal(topic, EventTopics.Of(app));
    }

    [Fact]
    public void An_app_must_be_named()
    {
        Assert.Throws<ArgumentException>(() => EventTopics.Of(""));
        Assert.Throws<ArgumentNullException>(() => EventTopics.Of(null!));
    }
}
