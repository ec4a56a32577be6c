using System.Text.Json;
using MLGov.Core.Json;

namespace MLGov.Core.Tests.Json;

public sealed class CanonicalJsonTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialization.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_follow_the_rfc_8785_test_vectors(ulong bits, string expected)
    {
        Assert.Equal(expected, CanonicalJson.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Fact]
    public void The_rfc_8785_example_canonicalizes_exactly()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Members_sort_by_utf16_code_units()
    {
        const string input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";

        var canonical = CanonicalJson.Canonicalize(input);
        using var document = JsonDocument.Parse(canonical);
        var values = document.RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToArray();

        Assert.Equal<string>(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            values);
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1e400}""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":/* no */1}""")]
    [InlineData("""{"a":""")]
    [InlineData("""["\ud800"]""")]
    [InlineData("""["x\udc00y"]""")]
    [InlineData("""{"\ud83d":1}""")]
    public void Non_i_json_input_is_rejected(string input)
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Nested_structures_are_canonical_at_every_depth()
    {
        Assert.Equal("""{"a":[{"x":1,"y":[true,{"m":null,"n":"\u001f"}]}],"b":{}}""",
            CanonicalJson.Canonicalize("""{ "b" : { }, "a" : [ { "y" : [ true, { "n" : "\u001F", "m" : null } ], "x" : 1.0 } ] }"""));
    }

    [Fact]
    public void Strings_use_the_short_escapes_lower_case_u_escapes_for_other_controls_and_nothing_else()
    {
        // RFC 8785 §3.2.2.2: \b \t \n \f \r, \u00hh (lower case) for the other controls, \" and \\; all else as is.
        const string input = """["\b\f\n\r\t\u0000\u001F\u0020\u007f\/\"\\\u00e9"]""";
        const string expected = "[\"\\b\\f\\n\\r\\t\\u0000\\u001f \u007f/\\\"\\\\\u00e9\"]";

        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Canonical_bytes_are_utf8()
    {
        Assert.Equal(new byte[] { 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0xac, 0x22, 0x7d }, CanonicalJson.CanonicalizeToUtf8("""{ "a" : "\u20ac" }"""));
    }

    [Fact]
    public void Objects_serialize_to_their_canonical_form()
    {
        Assert.Equal("""{"a":[1,2.5],"b":"x"}""", CanonicalJson.Serialize(new { b = "x", a = (double[])[1.0, 2.5] }));
    }

    [Fact]
    public void The_errors_name_what_is_wrong()
    {
        Assert.Contains("1e400", Assert.ThrowsAny<JsonException>(() => CanonicalJson.Canonicalize("""[1e400]""")).Message, StringComparison.Ordinal);
        Assert.Contains("\"dup\"", Assert.ThrowsAny<JsonException>(() => CanonicalJson.Canonicalize("""{"dup":1,"b":2,"dup":3}""")).Message, StringComparison.Ordinal);
    }
}
