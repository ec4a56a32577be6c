using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Platform.Http;

namespace MLGov.Platform.Tests.Http;

public sealed class JsonRequestReaderTests
{
    private readonly JsonRequestReader _reader = new(Options.Create(new RequestBodyOptions { MaxBytes = 1024 }));

    public sealed record Sample(string Name, int Count, IReadOnlyList<string> Tags, string? Note = null);

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
    [InlineData("""{"name":"model","count":3,"tags":["a"],}""", "")]
    [InlineData("""{"name":"model","count":"3","tags":[]}""", "$.count")]
    [InlineData("""{"name":"model","count":3.5,"tags":[]}""", "$.count")]
    [InlineData("""{"name":5,"count":3,"tags":[]}""", "$.name")]
    [InlineData("""{"name":null,"count":3,"tags":[]}""", "$.name")]
    [InlineData("""{"count":3,"tags":[]}""", "")]
    [InlineData("""{"name":"m","count":3,"tags":[],"extra":1}""", "$.extra")]
    [InlineData("""["name"]""", "")]
    [InlineData("null", "")]
    [InlineData("", "")]
    [InlineData("""{"name":"m","count":99999999999,"tags":[]}""", "$.count")]
    public async Task Every_malformed_body_is_a_validation_error(string body, string member)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _reader.ReadAsync<Sample>(Request(body), CancellationToken.None));
        Assert.Contains(member, error.Errors.Keys);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_validation_error()
    {
        var request = Request(string.Empty);
        request.Body = new MemoryStream([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        await Assert.ThrowsAsync<ValidationException>(() => _reader.ReadAsync<Sample>(request, CancellationToken.None));
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
