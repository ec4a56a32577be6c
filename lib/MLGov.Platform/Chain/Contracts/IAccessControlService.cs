namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// OpenZeppelin AccessControl (and ERC-165), which every MLGov contract inherits. Role ids are in
/// <see cref="ContractRoles"/>; a missing role reverts with <c>AccessControlUnauthorizedAccountError</c>.
/// </summary>
public interface IAccessControlService
{
    /// <summary>The contract's address.</summary>
    string ContractAddress { get; }

    /// <summary>The account that signs this service's transactions.</summary>
    string? SenderAddress { get; }

    /// <summary><c>DEFAULT_ADMIN_ROLE()</c>: 32 zero bytes.</summary>
    Task<byte[]> DefaultAdminRoleQueryAsync(CancellationToken cancellationToken);

    Task<bool> HasRoleQueryAsync(byte[] role, string account, CancellationToken cancellationToken);

    /// <summary>The role that may grant and revoke <paramref name="role"/>.</summary>
    Task<byte[]> GetRoleAdminQueryAsync(byte[] role, CancellationToken cancellationToken);

    /// <summary>ERC-165 <c>supportsInterface(bytes4)</c>.</summary>
    Task<bool> SupportsInterfaceQueryAsync(byte[] interfaceId, CancellationToken cancellationToken);

    /// <summary>Grants <paramref name="role"/> (sender needs its admin role). Emits <c>RoleGranted</c> unless already held.</summary>
    Task<ContractReceipt> GrantRoleRequestAndWaitForReceiptAsync(byte[] role, string account, CancellationToken cancellationToken);

    /// <summary>Revokes <paramref name="role"/> (sender needs its admin role). Emits <c>RoleRevoked</c> when it was held.</summary>
    Task<ContractReceipt> RevokeRoleRequestAndWaitForReceiptAsync(byte[] role, string account, CancellationToken cancellationToken);

    /// <summary>The sender gives up <paramref name="role"/>; <paramref name="callerConfirmation"/> must be the sender's own address.</summary>
    Task<ContractReceipt> RenounceRoleRequestAndWaitForReceiptAsync(byte[] role, string callerConfirmation, CancellationToken cancellationToken);
}
