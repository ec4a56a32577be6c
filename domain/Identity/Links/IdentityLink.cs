namespace MLGov.Identity.Domain.Links;

/// <summary>
/// The link of one enterprise account (Entra ID <see cref="TenantId"/> and <see cref="ObjectId"/>) to one DID, and the
/// membership credential issued for it. One DID per account and tenant: linking another DID replaces this one, and the
/// replaced credential is revoked. <see cref="PendingRevocation"/> is a credential still to be revoked (the step after
/// the link is stored; any later request for the account finishes it). <see cref="BadgeHolder"/> is the DID's
/// Ethereum address when it has one, to which a soul-bound badge is minted; <see cref="BadgeTokenId"/> once minted.
/// </summary>
public sealed record IdentityLink(
    string TenantId,
    string ObjectId,
    string Did,
    string CredentialId,
    string RolesText,
    LinkState State,
    DateTimeOffset LinkedAt,
    DateTimeOffset? UnlinkedAt,
    string? PendingRevocation,
    string? BadgeHolder,
    string? BadgeTokenId,
    BadgeState Badge)
{
    public IReadOnlyList<string> RoleList() => RolesText.Length == 0 ? [] : RolesText.Split(' ');
}

public enum LinkState
{
    Linked,
    Unlinked,
}

/// <summary>The soul-bound badge of a link: none (the DID has no Ethereum account), minting, minted, revoking, revoked, or failed (the mint reverted).</summary>
public enum BadgeState
{
    None,
    Minting,
    Minted,
    Revoking,
    Revoked,
    Failed,
}
