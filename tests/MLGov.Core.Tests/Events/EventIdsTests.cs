using MLGov.Core.Events;

namespace MLGov.Core.Tests.Events;

public sealed class EventIdsTests
{
    [Fact]
    public void A_new_id_is_a_version_7_uuid_that_starts_with_the_unix_milliseconds()
    {
        // RFC 9562 §5.7: 48 bits of Unix time in milliseconds, then version 7, then variant 10.
        const long milliseconds = 0x01899a0b1234;
        var id = EventIds.New(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));

        Assert.Matches("^01899a0b-1234-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.True(EventIds.IsValid(id));
    }

    [Fact]
    public void Ids_sort_by_time()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 20).Select(i => EventIds.New(start.AddMilliseconds(i * 1001))).ToArray();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(20, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("0", true)]
    [InlineData("Z9._:-", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData(".a", false)]
    [InlineData("-a", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("a#b", false)]
    [InlineData("a\n", false)]
    public void Ids_are_limited_to_characters_safe_everywhere(string? id, bool valid)
    {
        Assert.Equal(valid, EventIds.IsValid(id));
    }

    [Fact]
    public void Ids_are_at_most_128_characters()
    {
        Assert.True(EventIds.IsValid(new string('a', 128)));
        Assert.False(EventIds.IsValid(new string('a', 129)));
    }
}
