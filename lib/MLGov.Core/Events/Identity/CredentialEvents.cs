using MLGov.Core.Identifiers;

namespace MLGov.Core.Events.Identity;

/// <summary>
/// Identity issued a verifiable credential. The token itself is not in the event (the holder has it); the event tells
/// the other apps who now holds which credential types, and where its status is published.
/// </summary>
public sealed record CredentialIssuedV1(
    string CredentialId,
    string Issuer,
    string Subject,
    IReadOnlyList<string> Types,
    string Format,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    string StatusListCredential,
    int StatusListIndex,
    DateTimeOffset IssuedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.identity.credential.issued.v1";

    public static string Topic => EventTopics.Identity;

    string IIntegrationEvent.Subject => "credentials/" + CredentialId;

    public IEnumerable<string> Validate()
    {
        foreach (var problem in CredentialEventRules.Check(CredentialId, Issuer, Subject))
        {
            yield return problem;
        }

        if (Types is not { Count: > 0 })
        {
            yield return "types is empty";
        }

        if (ValidUntil is { } until && until <= ValidFrom)
        {
            yield return "validUntil is not after validFrom";
        }

        if (StatusListIndex < 0)
        {
            yield return "statusListIndex is negative";
        }
    }
}

/// <summary>Identity revoked a credential: its bit in the revocation status list is set, for good.</summary>
public sealed record CredentialRevokedV1(string CredentialId, string Issuer, string Subject, string? Reason, DateTimeOffset RevokedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.identity.credential.revoked.v1";

    public static string Topic => EventTopics.Identity;

    string IIntegrationEvent.Subject => "credentials/" + CredentialId;

    public IEnumerable<string> Validate() => CredentialEventRules.Check(CredentialId, Issuer, Subject);
}

/// <summary>Identity suspended a credential (its bit in the suspension status list is set) or lifted the suspension.</summary>
public sealed record CredentialSuspensionChangedV1(string CredentialId, string Issuer, string Subject, bool Suspended, string? Reason, DateTimeOffset ChangedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.identity.credential.suspension.changed.v1";

    public static string Topic => EventTopics.Identity;

    string IIntegrationEvent.Subject => "credentials/" + CredentialId;

    public IEnumerable<string> Validate() => CredentialEventRules.Check(CredentialId, Issuer, Subject);
}

internal static class CredentialEventRules
{
    public static IEnumerable<string> Check(string credentialId, string issuer, string subject)
    {
        if (!ResourceId.IsValid(credentialId))
        {
            yield return ResourceId.Problem("credentialId");
        }

        if (!Did.IsValid(issuer))
        {
            yield return Did.Problem("issuer");
        }

        if (!Did.IsValid(subject))
        {
            yield return Did.Problem("subject");
        }
    }
}
