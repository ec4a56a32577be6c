namespace MLGov.Platform.OpenApi;

/// <summary>
/// Declares the JSON body a function reads (with <c>JsonRequestReader</c>), for its OpenAPI description:
/// the request body becomes required <c>application/json</c> of this type's schema, and the 400, 413
/// and 415 problem responses the reader can cause are added.
/// </summary>
/// <example><c>[AcceptsJson(typeof(IncidentReport))]</c></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AcceptsJsonAttribute : Attribute
{
    public AcceptsJsonAttribute(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        RequestType = requestType;
    }

    public Type RequestType { get; }

    /// <summary>What the body is, for the description; optional.</summary>
    public string? Description { get; init; }
}
