using System.Text.Json.Nodes;
using MLGov.Trust.Jose;

namespace MLGov.Trust.Credentials;

/// <summary>A VC-JWT read into the facts the checks need, whatever its format. Nothing here is verified yet.</summary>
internal sealed record ParsedCredential(
    CredentialFormat Format,
    CompactJws Jws,
    JsonObject Credential,
    string Issuer,
    IReadOnlyList<string> IssuerClaims,
    string? Subject,
    string? Id,
    IReadOnlyList<string> Types,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    IReadOnlyList<JsonNode?> Status);
