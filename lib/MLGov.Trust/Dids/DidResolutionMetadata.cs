using System.Text.Json.Serialization;

namespace MLGov.Trust.Dids;

/// <summary>DID resolution metadata (DID Core §7.1.2): the document's media type on success, an error code (and, as the Universal Resolver adds, a message) otherwise.</summary>
public sealed record DidResolutionMetadata(
    [property: JsonPropertyName("contentType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentType,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonPropertyName("errorMessage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorMessage = null);
