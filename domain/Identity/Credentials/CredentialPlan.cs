using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;

namespace MLGov.Identity.Domain.Credentials;

/// <summary>What will be issued once a request has passed <see cref="CredentialRules"/>: every default filled in.</summary>
public sealed record CredentialPlan(
    string Subject,
    IReadOnlyList<string> Types,
    JsonObject Claims,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    CredentialFormat Format);
