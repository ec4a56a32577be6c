using MLGov.Trust.Json;

namespace MLGov.Trust.Tests.Json;

public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"a":2}""", "a")]
    [InlineData("""{"a":1,"\u0061":2}""", "a")] // the same name, once escaped: equal after unescaping
    [InlineData("""{"x":{"b":1,"b":2}}""", "b")]
    [InlineData("""{"x":[{"b":1},{"c":1,"c":2}]}""", "c")]
    [InlineData("""{"é":1,"\u00e9":2}""", "é")]
    public void A_repeated_member_is_refused_at_any_depth_and_named(string json, string name)
    {
        Assert.Null(StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), "payload", out var problem));
        Assert.Equal($"The payload repeats the member '{name}'.", problem);
    }

    [Theory]
    [InlineData("""[1]""", "The payload is not a JSON object.")]
    [InlineData("""null""", "The payload is not a JSON object.")]
    [InlineData("""{"a":1,}""", "The payload is not JSON.")]
    [InlineData("""{"a":1 /* c */}""", "The payload is not JSON.")]
    [InlineData("""{"a":1}x""", "The payload is not JSON.")]
    public void What_is_not_one_JSON_object_is_refused(string json, string expected)
    {
        Assert.Null(StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), "payload", out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_refused_even_inside_a_string()
    {
        // {"a":"<0xff>"}: the parser alone would accept it and throw only when the value is read.
        byte[] json = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xff, (byte)'"', (byte)'}'];

        Assert.Null(StrictJson.TryParseObject(json, "payload", out var problem));
        Assert.Equal("The payload is not UTF-8 JSON.", problem);
    }

    [Fact]
    public void A_member_name_escaping_a_lone_surrogate_is_refused_without_throwing()
    {
        Assert.Null(StrictJson.TryParseObject("""{"\ud800":1}"""u8, "payload", out var problem));
        Assert.Equal("The payload has a member name that is not valid Unicode.", problem);
    }

    [Fact]
    public void A_well_formed_object_is_read_whole()
    {
        var parsed = StrictJson.TryParseObject("""{"a":"\u0041","n":{"m":[1,2]},"t":true}"""u8, "payload", out var problem);

        Assert.Null(problem);
        Assert.Equal("A", (string)parsed!["a"]!);
        Assert.Equal(2, (int)parsed["n"]!["m"]![1]!);
        Assert.True((bool)parsed["t"]!);
    }
}
