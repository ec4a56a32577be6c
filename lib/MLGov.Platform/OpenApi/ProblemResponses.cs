using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using MLGov.Platform.Http;

namespace MLGov.Platform.OpenApi;

/// <summary>
/// The RFC 9457 body every MLGov error has (<see cref="ProblemDetailsResult"/>), as a schema, and what
/// each status means on this platform (<see cref="ProblemDetailsMapper"/>, the request reader, the
/// function-key check, the exception middleware).
/// </summary>
internal static class ProblemResponses
{
    public const string SchemaName = "ProblemDetails";

    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem (application/problem+json).",
        Required = new HashSet<string>(["type", "title", "status"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"What kind of problem this is: {ProblemDetailsResult.TypePrefix}<kind>, for example {ProblemDetailsResult.TypePrefix}validation.",
            },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path of the request." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation problems only: the messages per member path (\"$.name\"; \"\" for the whole body).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        Examples =
        [
            new JsonObject
            {
                ["type"] = ProblemDetailsResult.TypePrefix + "validation",
                ["title"] = "Invalid request",
                ["status"] = StatusCodes.Status400BadRequest,
                ["detail"] = "The JSON value could not be converted.",
                ["instance"] = "/api/risk/incidents",
                ["errors"] = new JsonObject { ["$.windowEnd"] = new JsonArray("The JSON value could not be converted.") },
            },
        ],
    };

    public static string DefaultDescription(int status, bool acceptsJson) => status switch
    {
        StatusCodes.Status400BadRequest when acceptsJson =>
            "The body is not valid JSON of the expected shape (malformed, wrong types, unknown or missing members) or fails validation; errors lists the messages per member.",
        StatusCodes.Status400BadRequest => "The request fails validation; errors lists the messages per member.",
        StatusCodes.Status401Unauthorized => "The function key is missing or wrong (x-functions-key header or code query parameter).",
        StatusCodes.Status403Forbidden => "The caller may not do this.",
        StatusCodes.Status404NotFound => "No resource exists at this address.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state of the resource.",
        StatusCodes.Status412PreconditionFailed => "The resource changed since it was read, or it exists already.",
        StatusCodes.Status413PayloadTooLarge => "The body is larger than the configured limit (RequestBody:MaxBytes, 256 KiB by default).",
        StatusCodes.Status415UnsupportedMediaType => "The body is not application/json (or application/*+json).",
        StatusCodes.Status500InternalServerError => "Something unexpected failed; the problem carries no detail, the error is logged.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
