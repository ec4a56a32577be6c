namespace MLGov.Platform.OpenApi;

/// <summary>
/// Declares a success response of a function, for its OpenAPI description: the status code and the
/// type of its JSON body (written by <c>JsonBodyResult</c>), or no body when the type is omitted.
/// Declare one per status the function can answer with.
/// </summary>
/// <example>
/// <c>[RespondsWith(StatusCodes.Status201Created, typeof(Incident), Description = "Recorded.", Headers = ["Location", "ETag"])]</c>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RespondsWithAttribute : Attribute
{
    public RespondsWithAttribute(int statusCode, Type? bodyType = null)
    {
        StatusCode = statusCode;
        BodyType = bodyType;
    }

    public int StatusCode { get; }

    /// <summary>The type serialized as the body (each line's type for JSON Lines); null for a response without body.</summary>
    public Type? BodyType { get; }

    /// <summary>The body's media type: <c>application/json</c> unless set (for example <c>application/jsonl</c>).</summary>
    public string MediaType { get; init; } = "application/json";

    /// <summary>What the response means; defaults to the status code's reason phrase.</summary>
    public string? Description { get; init; }

    /// <summary>Response headers the function sets (for example Location, ETag), described as strings.</summary>
    public string[] Headers { get; init; } = [];
}
