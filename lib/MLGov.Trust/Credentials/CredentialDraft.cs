using System.Text.Json.Nodes;

namespace MLGov.Trust.Credentials;

/// <summary>
/// What an issuer states, before it is encoded and signed: issuer and subject DIDs, the credential's types beyond
/// <c>VerifiableCredential</c>, the subject's claims, the validity window, and optionally an id and a status entry.
/// </summary>
public sealed record CredentialDraft(
    string Issuer,
    string? SubjectId,
    IReadOnlyList<string> Types,
    JsonObject Claims,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil = null,
    string? Id = null,
    JsonNode? Status = null,
    IReadOnlyList<string>? ExtraContexts = null);
