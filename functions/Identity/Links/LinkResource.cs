using MLGov.Identity.Domain.Links;

namespace MLGov.Identity.Links;

/// <summary>A link as the API shows it; <see cref="Credential"/> (the signed EnterpriseMemberCredential) only in the answer to the link request.</summary>
public sealed record LinkResource(
    string TenantId,
    string Did,
    string CredentialId,
    IReadOnlyList<string> Roles,
    string State,
    DateTimeOffset LinkedAt,
    DateTimeOffset? UnlinkedAt,
    string Badge,
    string? BadgeHolder,
    string? BadgeTokenId,
    string? Credential = null)
{
    public static LinkResource From(IdentityLink link, string? credential = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new LinkResource(
            link.TenantId, link.Did, link.CredentialId, link.RoleList(), link.State.ToString().ToLowerInvariant(), link.LinkedAt, link.UnlinkedAt,
            link.Badge.ToString().ToLowerInvariant(), link.BadgeHolder, link.BadgeTokenId, credential);
    }
}

/// <summary>The body of a link request: the DID to link and a proof, a compact JWS by a key of that DID over {nonce, did, aud}.</summary>
public sealed record LinkRequest(string Did, string Proof);
