using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace MLGov.Platform.Http;

/// <summary>A JSON response written with <see cref="ApiJson.Options"/>; needs no MVC formatters.</summary>
public sealed class JsonBodyResult : IActionResult
{
    public JsonBodyResult(object? value, int statusCode = 200, string? location = null)
    {
        Value = value;
        StatusCode = statusCode;
        Location = location;
    }

    public object? Value { get; }

    public int StatusCode { get; }

    public string? Location { get; }

    /// <summary>The entity tag of the returned resource, sent as the ETag header when set.</summary>
    public string? ETag { get; init; }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        await JsonSerializer.SerializeAsync(response.Body, Value, Value?.GetType() ?? typeof(object), ApiJson.Options, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
