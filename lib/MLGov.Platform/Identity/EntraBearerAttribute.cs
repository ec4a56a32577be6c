namespace MLGov.Platform.Identity;

/// <summary>
/// Says that an HTTP function authenticates its caller with an Entra ID bearer token (through
/// <see cref="EntraTokenValidator"/>), so the app's OpenAPI document lists the bearer scheme and the 401 it answers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EntraBearerAttribute : Attribute;
