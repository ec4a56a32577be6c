namespace MLGov.Platform.OpenApi;

/// <summary>
/// Declares an optional query-string parameter a function reads, for its OpenAPI description (the
/// trigger's route says nothing about the query string).
/// </summary>
/// <example><c>[AcceptsQuery("limit", typeof(int), Description = "Items per page, 1 to 1000 (default 50).")]</c></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class AcceptsQueryAttribute : Attribute
{
    public AcceptsQueryAttribute(string name, Type type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public Type Type { get; }

    public string? Description { get; init; }
}
