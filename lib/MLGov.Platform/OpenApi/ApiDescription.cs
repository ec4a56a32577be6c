using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace MLGov.Platform.OpenApi;

/// <summary>
/// An app's OpenAPI document, served by its openapi.json function. Generated on first use and kept
/// for the life of the process (the functions of a loaded assembly do not change).
/// </summary>
public sealed class ApiDescription
{
    private static readonly ConcurrentDictionary<(string App, Assembly Functions), Lazy<byte[]>> Documents = new();

    private readonly Lazy<byte[]> _json;

    public ApiDescription(string app, Assembly functions)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentNullException.ThrowIfNull(functions);
        _json = Documents.GetOrAdd((app, functions), key => new Lazy<byte[]>(() => ApiDocumentGenerator.ToJson(ApiDocumentGenerator.Generate(key.App, key.Functions))));
    }

    /// <summary>The document as OpenAPI 3.1 JSON (UTF-8).</summary>
    public ReadOnlyMemory<byte> Json => _json.Value;

    /// <summary>The response of GET /api/{app}/openapi.json.</summary>
    public IActionResult ToResult() => new OpenApiDocumentResult(Json);
}
