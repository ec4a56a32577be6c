using System.Text.Json;
using MLGov.Core.Events;

namespace MLGov.Core.Tests.Events;

public sealed class EventJsonTests
{
    [Fact]
    public void Data_is_written_in_camel_case_with_enums_as_camel_case_names()
    {
        var json = JsonSerializer.Serialize(new ParcelShippedV12("p-1", 3, ParcelPriority.NextDay, "fragile"), EventJson.Options);

        Assert.Equal("""{"parcelId":"p-1","quantity":3,"priority":"nextDay","note":"fragile"}""", json);
    }

    [Fact]
    public void Data_reads_back_and_optional_members_may_be_missing_or_null()
    {
        Assert.Equal(
            new ParcelShippedV12("p-1", 3, ParcelPriority.NextDay, null),
            Read("""{"parcelId":"p-1","quantity":3,"priority":"nextDay"}"""));
        Assert.Equal(
            new ParcelShippedV12("p-1", 3, ParcelPriority.Standard, null),
            Read("""{"parcelId":"p-1","quantity":3,"priority":"standard","note":null}"""));
    }

    [Fact]
    public void Unknown_members_are_skipped_so_optional_additions_stay_compatible()
    {
        Assert.Equal(
            new ParcelShippedV12("p-1", 3, ParcelPriority.Standard),
            Read("""{"parcelId":"p-1","quantity":3,"priority":"standard","addedLater":{"x":1}}"""));
    }

    [Theory]
    [InlineData("""{"quantity":3,"priority":"standard"}""")]
    [InlineData("""{"parcelId":null,"quantity":3,"priority":"standard"}""")]
    [InlineData("""{"parcelId":"p-1","quantity":"3","priority":"standard"}""")]
    [InlineData("""{"parcelId":"p-1","quantity":3,"priority":1}""")]
    [InlineData("""{"parcelId":"p-1","quantity":3,"priority":"express"}""")]
    [InlineData("""{"parcelId":"p-1","quantity":3,"priority":"standard",}""")]
    [InlineData("""{"parcelId":"p-1",/* c */"quantity":3,"priority":"standard"}""")]
    public void Missing_required_members_nulls_strings_for_numbers_enum_numbers_trailing_commas_and_comments_are_refused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    [Fact]
    public void Nesting_deeper_than_32_is_refused()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var json = "{\"parcelId\":\"p-1\",\"quantity\":3,\"priority\":\"standard\",\"extra\":" + deep + "}";

        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    [Fact]
    public void The_options_are_frozen_and_carry_a_resolver()
    {
        Assert.True(EventJson.Options.IsReadOnly);
        Assert.NotNull(EventJson.Options.TypeInfoResolver);
        Assert.Throws<InvalidOperationException>(() => EventJson.Options.MaxDepth = 64);
    }

    private static ParcelShippedV12? Read(string json) => JsonSerializer.Deserialize<ParcelShippedV12>(json, EventJson.Options);
}
