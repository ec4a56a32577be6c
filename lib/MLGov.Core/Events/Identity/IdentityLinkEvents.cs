using MLGov.Core.Identifiers;

namespace MLGov.Core.Events.Identity;

/// <summary>
/// An enterprise account (Entra ID tenant and object id) was linked to a DID, and an EnterpriseMemberCredential was
/// issued to the DID. <see cref="ReplacedDid"/> is the DID the account was linked to before, whose credential was revoked.
/// </summary>
public sealed record IdentityLinkedV1(
    string TenantId,
    string ObjectId,
    string Did,
    string CredentialId,
    IReadOnlyList<string> Roles,
    string? BadgeHolder,
    string? ReplacedDid,
    DateTimeOffset LinkedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.identity.identity.linked.v1";

    public static string Topic => EventTopics.Identity;

    string IIntegrationEvent.Subject => "links/" + Did;

    public IEnumerable<string> Validate() => LinkEventRules.Check(TenantId, ObjectId, Did, CredentialId, BadgeHolder);
}

/// <summary>The link of an enterprise account to a DID was removed; its credential is revoked and its badge (if any) revoked on chain.</summary>
public sealed record IdentityUnlinkedV1(string TenantId, string ObjectId, string Did, string CredentialId, DateTimeOffset UnlinkedAt) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.identity.identity.unlinked.v1";

    public static string Topic => EventTopics.Identity;

    string IIntegrationEvent.Subject => "links/" + Did;

    public IEnumerable<string> Validate() => LinkEventRules.Check(TenantId, ObjectId, Did, CredentialId, null);
}

internal static class LinkEventRules
{
    public static IEnumerable<string> Check(string tenantId, string objectId, string did, string credentialId, string? badgeHolder)
    {
        if (!Guid.TryParseExact(tenantId, "D", out _))
        {
            yield return "tenantId is not a GUID";
        }

        if (!Guid.TryParseExact(objectId, "D", out _))
        {
            yield return "objectId is not a GUID";
        }

        if (!Identifiers.Did.IsValid(did))
        {
            yield return Identifiers.Did.Problem("did");
        }

        if (!ResourceId.IsValid(credentialId))
        {
            yield return ResourceId.Problem("credentialId");
        }

        if (badgeHolder is not null && !EvmAddress.IsValid(badgeHolder))
        {
            yield return "badgeHolder is not an address";
        }
    }
}
