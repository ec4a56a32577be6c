namespace MLGov.Platform.OpenApi;

/// <summary>Leaves an HTTP function out of the app's OpenAPI document (the document's own endpoint, for example).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ExcludeFromApiDescriptionAttribute : Attribute;
