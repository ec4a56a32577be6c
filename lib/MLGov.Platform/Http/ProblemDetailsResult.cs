using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MLGov.Platform.Http;

/// <summary>
/// An RFC 9457 problem-details response (application/problem+json). Written directly with
/// System.Text.Json so it needs no MVC formatters in either host.
/// </summary>
public sealed class ProblemDetailsResult : IActionResult
{
    public const string ContentType = "application/problem+json";

    /// <summary>Prefix of every problem type URI the platform emits; the suffix is the error kind.</summary>
    public const string TypePrefix = "urn:mlgov:problem:";

    public ProblemDetailsResult(int status, string kind, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        Status = status;
        Type = TypePrefix + kind;
        Title = title;
        Detail = detail;
        Errors = errors is { Count: > 0 } ? errors : null;
    }

    [JsonPropertyName("type")]
    public string Type { get; }

    [JsonPropertyName("title")]
    public string Title { get; }

    [JsonPropertyName("status")]
    public int Status { get; }

    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; }

    /// <summary>Set from the request when written; the path the problem occurred on.</summary>
    [JsonPropertyName("instance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; private set; }

    /// <summary>Per-member validation messages (an RFC 9457 extension member).</summary>
    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context.HttpContext);
    }

    public async Task WriteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        Instance ??= httpContext.Request.Path.HasValue ? httpContext.Request.Path.Value : null;
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(response.Body, this, ApiJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
