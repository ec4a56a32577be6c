namespace MLGov.Platform.OpenApi;

/// <summary>
/// Declares an RFC 9457 problem response (<c>application/problem+json</c>) a function can answer with
/// beyond the ones the description adds by itself (400/413/415 for a JSON body, 401 for a key, 404 for
/// a route with parameters, 500 always). Declaring one of those replaces its default description.
/// </summary>
/// <example><c>[RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The incident id is taken by a different incident.")]</c></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RespondsWithProblemAttribute : Attribute
{
    public RespondsWithProblemAttribute(int statusCode)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    /// <summary>When this problem happens; defaults to a generic sentence for the status code.</summary>
    public string? Description { get; init; }
}
