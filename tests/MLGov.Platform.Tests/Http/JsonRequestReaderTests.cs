using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Platform.Http;

namespace MLGov.Platform.Tests.Http;

public sealed class JsonRequestReaderTests
{
    private readonly JsonRequestReader _reader = new(Options.Create(new RequestBodyOptions { MaxBytes = 1024 }));

    public sealed record Sample(string Name, int Count, IReadOnlyList<string> Tags, string? Note = null, Part? Part = null);

    public sealed record Part(string Label, DateTimeOffset At, Shade Shade);

    public enum Shade
    {
        Light,
        DeepDark,
    }

    [Fact]
    public async Task A_valid_body_is_read()
    {
        var sample = await _reader.ReadAsync<Sample>(Request("""{"name":"model","count":3,"tags":["a"]}"""), CancellationToken.None);
        Assert.Equal("model", sample.Name);
        Assert.Equal(3, sample.Count);
        Assert.Equal(["a"], sample.Tags);
        Assert.Null(sample.Note);
    }

    [Theory]
    [InlineData("{", "")]
    [InlineData("""{"name":"model","count":3,"tags":["a"]} x""", "")]
    [InlineData("""{"name":"model","count":3,"tags":["a"],}""", "")]
    [InlineData("""{"name":"model","count":"3","tags":[]}""", "$.count")]
    [InlineData("""{"name":"model","count":3.5,"tags":[]}""", "$.count")]
    [InlineData("""{"name":5,"count":3,"tags":[]}""", "$.name")]
    [InlineData("""{"name":null,"count":3,"tags":[]}""", "$.name")]
    [InlineData("""{"count":3,"tags":[]}""", "$.name")]
    [InlineData("""{"name":"m","count":3,"tags":[],"extra":1}""", "$.extra")]
    [InlineData("""["name"]""", "")]
    [InlineData("null", "")]
    [InlineData("", "")]
    [InlineData("""{"name":"m","count":99999999999,"tags":[]}""", "$.count")]
    public async Task Every_malformed_body_is_a_validation_error(string body, string member)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _reader.ReadAsync<Sample>(Request(body), CancellationToken.None));
        Assert.Contains(member, error.Errors.Keys);
        AssertNoDotNetNames(error);
    }

    public static TheoryData<string, string, string> Problems => new()
    {
        { """{"count":3,"tags":[]}""", "$.name", "$.name is required." },
        { """{"tags":[]}""", "$.count", "$.count is required." },
        { """{"name":"m","count":"3","tags":[]}""", "$.count", "$.count must be a whole number from -2147483648 to 2147483647." },
        { """{"name":"m","count":99999999999,"tags":[]}""", "$.count", "$.count must be a whole number from -2147483648 to 2147483647." },
        { """{"name":7,"count":3,"tags":[]}""", "$.name", "$.name must be a string." },
        { """{"name":null,"count":3,"tags":[]}""", "$.name", "$.name must not be null." },
        { """{"name":"m","count":3,"tags":"a"}""", "$.tags", "$.tags must be an array." },
        { """{"name":"m","count":3,"tags":["a",2]}""", "$.tags[1]", "$.tags[1] must be a string." },
        { """{"name":"m","count":3,"tags":[],"part":{"label":"x","at":"2025-01-01T00:00:00Z","shade":"deepDark"},"extra":1}""", "$.extra", "$.extra is not a member of this request body." },
        { """{"name":"m","count":3,"tags":[],"part":{"label":"x","at":"yesterday","shade":"light"}}""", "$.part.at", "$.part.at must be a date and time such as 2025-01-31T12:00:00Z." },
        { """{"name":"m","count":3,"tags":[],"part":{"label":"x","at":"2025-01-01T00:00:00Z","shade":"pink"}}""", "$.part.shade", "$.part.shade must be one of: light, deepDark." },
        { """{"name":"m","count":3,"tags":[],"part":{"at":"2025-01-01T00:00:00Z"}}""", "$.part.label", "$.part.label is required." },
        { """{"name":"m","count":3,"tags":[],"part":[]}""", "$.part", "$.part must be an object." },
        { """["name"]""", "", "The request body must be an object." },
        { """{"name":"m","count":3,"tags":[]} x""", "", "The request body is not well-formed JSON (line 1, byte 34): 'x' is invalid after a single JSON value. Expected end of data." },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task A_problem_names_the_json_member_at_fault_and_no_dotnet_type(string body, string member, string problem)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _reader.ReadAsync<Sample>(Request(body), CancellationToken.None));

        Assert.Equal(problem, Assert.Single(Assert.Contains(member, error.Errors)));
        AssertNoDotNetNames(error);
    }

    [Fact]
    public async Task Every_missing_member_is_named_at_once()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _reader.ReadAsync<Sample>(Request("{}"), CancellationToken.None));

        Assert.Equal(["$.count", "$.name", "$.tags"], error.Errors.Keys.Order(StringComparer.Ordinal));
        AssertNoDotNetNames(error);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_validation_error()
    {
        var request = Request(string.Empty);
        request.Body = new MemoryStream([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        var error = await Assert.ThrowsAsync<ValidationException>(() => _reader.ReadAsync<Sample>(request, CancellationToken.None));
        Assert.Contains(string.Empty, error.Errors.Keys);
        AssertNoDotNetNames(error);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_even_without_a_content_length()
    {
        var request = Request("{\"name\":\"" + new string('x', 2000) + "\",\"count\":1,\"tags\":[]}");
        request.ContentLength = null;
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => _reader.ReadAsync<Sample>(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_declared_content_length_over_the_limit_is_refused_before_reading()
    {
        var request = Request("{}");
        request.ContentLength = 5000;
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => _reader.ReadAsync<Sample>(request, CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_non_json_media_type_is_refused(string? contentType)
    {
        var request = Request("""{"name":"m","count":1,"tags":[]}""");
        request.ContentType = contentType;
        await Assert.ThrowsAsync<UnsupportedMediaTypeException>(() => _reader.ReadAsync<Sample>(request, CancellationToken.None));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vc+json")]
    public async Task Json_media_types_with_parameters_or_suffixes_are_accepted(string contentType)
    {
        var request = Request("""{"name":"m","count":1,"tags":[]}""");
        request.ContentType = contentType;
        var sample = await _reader.ReadAsync<Sample>(request, CancellationToken.None);
        Assert.Equal("m", sample.Name);
    }

    /// <summary>What a caller reads (the message is the problem's detail) names JSON members, never a .NET type.</summary>
    private static void AssertNoDotNetNames(ValidationException error)
    {
        foreach (var text in error.Errors.Values.SelectMany(v => v).Append(error.Message))
        {
            Assert.DoesNotContain("MLGov.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sample", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Int32", text, StringComparison.Ordinal);
        }
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        return context.Request;
    }
}
