using System.Numerics;
using System.Text;
using MLGov.Contracts.SoulboundBadge;
using MLGov.Core.Hashing;
using MLGov.Identity.Domain.Links;
using MLGov.Platform.Chain.Transactions;

namespace MLGov.Identity.Links;

/// <summary>
/// The chain writes of enterprise links: mint a soul-bound badge of type keccak256("EnterpriseMemberCredential") for a
/// credential to the DID's address, and revoke it. The badge's credential id is keccak256 of the credential id, so a
/// badge names its credential and the contract refuses to badge one credential twice.
/// </summary>
public static class BadgeIntents
{
    public const string MintKind = "badge.mint";
    public const string RevokeKind = "badge.revoke";

    public static byte[] BadgeType { get; } = Keccak256.Compute(Encoding.UTF8.GetBytes(EnterpriseMembership.CredentialType));

    public static byte[] CredentialHash(string credentialId) => Keccak256.Compute(Encoding.UTF8.GetBytes(credentialId));

    public static string MintId(string credentialId) => "badge-mint:" + credentialId;

    public static string RevokeId(string credentialId) => "badge-revoke:" + credentialId;

    /// <summary>The credential an intent of <see cref="MintKind"/> or <see cref="RevokeKind"/> was for.</summary>
    public static string CredentialOf(string intentId) => intentId[(intentId.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public static ChainIntent Mint(string badgeContract, string holder, string credentialId) =>
        ChainIntent.Call(MintId(credentialId), MintKind, badgeContract, new MintFunction
        {
            Holder = holder,
            BadgeType = BadgeType,
            CredentialId = CredentialHash(credentialId),
        });

    public static ChainIntent Revoke(string badgeContract, string credentialId, BigInteger tokenId, string reason) =>
        ChainIntent.Call(RevokeId(credentialId), RevokeKind, badgeContract, new RevokeFunction { TokenId = tokenId, Reason = reason });
}
