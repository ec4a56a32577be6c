using System.Numerics;
using MLGov.Contracts.SoulboundBadge;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The ERC-5192 soul-bound badge (SoulboundBadge): badges that never move, minted by
/// <c>ISSUER_ROLE</c> and revoked by <c>REVOKER_ROLE</c>. Used by the Identity app.
/// </summary>
public interface ISoulboundBadgeService : IAccessControlService
{
    Task<byte[]> IssuerRoleQueryAsync(CancellationToken cancellationToken);

    Task<byte[]> RevokerRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>Mints the next badge to <paramref name="holder"/>; the token id is in <c>BadgeIssuedEvent</c>. Reverts <c>CredentialAlreadyBadged</c> for a credential with a live badge.</summary>
    Task<ContractReceipt> MintRequestAndWaitForReceiptAsync(string holder, byte[] badgeType, byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>Burns a badge; its credential id can be badged again, for the same holder only. Emits <c>BadgeRevokedEvent</c>.</summary>
    Task<ContractReceipt> RevokeRequestAndWaitForReceiptAsync(BigInteger tokenId, string reason, CancellationToken cancellationToken);

    /// <summary>The holder (the sender) burns its own badge. Emits <c>BadgeBurnedEvent</c>.</summary>
    Task<ContractReceipt> BurnRequestAndWaitForReceiptAsync(BigInteger tokenId, CancellationToken cancellationToken);

    /// <summary>The holder a credential belongs to (the zero address when it was never badged).</summary>
    Task<string> HolderOfCredentialQueryAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>ERC-5192: true for every existing badge; reverts <c>ERC721NonexistentToken</c> otherwise.</summary>
    Task<bool> LockedQueryAsync(BigInteger tokenId, CancellationToken cancellationToken);

    Task<BadgeOfOutput> BadgeOfQueryAsync(BigInteger tokenId, CancellationToken cancellationToken);

    /// <summary>The live badge of a credential, 0 when none.</summary>
    Task<BigInteger> TokenOfCredentialQueryAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>The highest token id issued so far.</summary>
    Task<BigInteger> TotalIssuedQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> BalanceOfQueryAsync(string owner, CancellationToken cancellationToken);

    Task<string> OwnerOfQueryAsync(BigInteger tokenId, CancellationToken cancellationToken);

    Task<string> NameQueryAsync(CancellationToken cancellationToken);

    Task<string> SymbolQueryAsync(CancellationToken cancellationToken);

    Task<string> TokenUriQueryAsync(BigInteger tokenId, CancellationToken cancellationToken);

    Task<string> GetApprovedQueryAsync(BigInteger tokenId, CancellationToken cancellationToken);

    Task<bool> IsApprovedForAllQueryAsync(string owner, string operatorAddress, CancellationToken cancellationToken);

    /// <summary>Always reverts <c>BadgeApprovalNotAllowed</c>: badges cannot be approved.</summary>
    Task<ContractReceipt> ApproveRequestAndWaitForReceiptAsync(string recipient, BigInteger tokenId, CancellationToken cancellationToken);

    /// <summary>Always reverts <c>BadgeApprovalNotAllowed</c>.</summary>
    Task<ContractReceipt> SetApprovalForAllRequestAndWaitForReceiptAsync(string operatorAddress, bool approved, CancellationToken cancellationToken);

    /// <summary>Always reverts (<c>BadgeNotTransferable</c>; <c>ERC721InvalidReceiver</c> for the zero address, <c>ERC721NonexistentToken</c> for an unknown token).</summary>
    Task<ContractReceipt> TransferFromRequestAndWaitForReceiptAsync(string from, string recipient, BigInteger tokenId, CancellationToken cancellationToken);

    /// <summary>Always reverts <c>BadgeNotTransferable</c>; with <paramref name="data"/> it calls the four-argument overload.</summary>
    Task<ContractReceipt> SafeTransferFromRequestAndWaitForReceiptAsync(string from, string recipient, BigInteger tokenId, byte[]? data, CancellationToken cancellationToken);
}
