using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MLGov.Trust.Dids;

/// <summary>
/// The result of resolving a DID, shaped as DID Resolution and the Universal Resolver return it, so it can be served
/// as is: <c>didDocument</c> (null on failure), <c>didResolutionMetadata</c> and <c>didDocumentMetadata</c>.
/// </summary>
public sealed record DidResolutionResult(
    [property: JsonPropertyName("didDocument")] JsonObject? DidDocument,
    [property: JsonPropertyName("didResolutionMetadata")] DidResolutionMetadata DidResolutionMetadata,
    [property: JsonPropertyName("didDocumentMetadata")] JsonObject DidDocumentMetadata)
{
    /// <summary>The media type of a document with an <c>@context</c>, the JSON-LD representation of DID Core §6.3.</summary>
    public const string DidLdJson = "application/did+ld+json";

    /// <summary>
    /// Keys the resolver already parsed and validated while building the document, by absolute method id (did:key's
    /// document is derived from its key), so dereferencing a method does not decode and validate the same key again.
    /// </summary>
    [JsonIgnore]
    internal IReadOnlyDictionary<string, Keys.PublicKey>? KnownKeys { get; init; }

    [JsonIgnore]
    public bool Succeeded => DidDocument is not null && DidResolutionMetadata.Error is null;

    public static DidResolutionResult Success(JsonObject document, string contentType = DidLdJson) =>
        new(document, new DidResolutionMetadata(contentType, null), []);

    public static DidResolutionResult Failure(string error, string? message = null) =>
        new(null, new DidResolutionMetadata(null, error, message), []);

    /// <summary>The media type of a JSON document without <c>@context</c> (DID Core §6.2).</summary>
    public const string DidJson = "application/did+json";
}
