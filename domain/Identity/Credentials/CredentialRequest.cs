using System.Text.Json.Nodes;

namespace MLGov.Identity.Domain.Credentials;

/// <summary>
/// A request to issue a credential: to <see cref="Subject"/> (a DID), of <see cref="Types"/> (besides VerifiableCredential),
/// stating <see cref="Claims"/> about the subject, valid from <see cref="ValidFrom"/> (default: now) until
/// <see cref="ValidUntil"/> (default: <see cref="CredentialRules.DefaultLifetime"/> later), in <see cref="Format"/>
/// (<c>vcdm2-jose</c>, the default, or <c>vcdm1-jwt</c>).
/// </summary>
public sealed record CredentialRequest(
    string Subject,
    IReadOnlyList<string> Types,
    JsonObject? Claims = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidUntil = null,
    string? Format = null);
