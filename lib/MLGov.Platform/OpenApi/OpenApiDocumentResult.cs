using Microsoft.AspNetCore.Mvc;

namespace MLGov.Platform.OpenApi;

/// <summary>Writes a generated OpenAPI document as application/json; needs no MVC formatters.</summary>
public sealed class OpenApiDocumentResult : IActionResult
{
    private readonly ReadOnlyMemory<byte> _json;

    public OpenApiDocumentResult(ReadOnlyMemory<byte> json)
    {
        _json = json;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _json.Length;
        await response.Body.WriteAsync(_json, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
