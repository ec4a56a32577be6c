using MLGov.Trust.Credentials;
using MLGov.Trust.Jose;

namespace MLGov.Trust.Presentations;

/// <summary>A VP-JWT read into the facts the checks need. Nothing here is verified yet.</summary>
internal sealed record ParsedPresentation(
    CredentialFormat Format,
    CompactJws Jws,
    string Holder,
    IReadOnlyList<string> Audiences,
    string? Nonce,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    IReadOnlyList<string> Credentials);
