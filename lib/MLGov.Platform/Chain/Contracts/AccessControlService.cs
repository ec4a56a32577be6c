using MLGov.Contracts.OpenZeppelin;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>OpenZeppelin AccessControl and ERC-165 of any MLGov contract; the base of the contract services.</summary>
public class AccessControlService : ContractService, IAccessControlService
{
    public AccessControlService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> DefaultAdminRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<DefaultAdminRoleFunction, byte[]>(new DefaultAdminRoleFunction(), cancellationToken);

    public Task<bool> HasRoleQueryAsync(byte[] role, string account, CancellationToken cancellationToken) =>
        QueryValueAsync<HasRoleFunction, bool>(new HasRoleFunction { Role = role, Account = account }, cancellationToken);

    public Task<byte[]> GetRoleAdminQueryAsync(byte[] role, CancellationToken cancellationToken) =>
        QueryValueAsync<GetRoleAdminFunction, byte[]>(new GetRoleAdminFunction { Role = role }, cancellationToken);

    public Task<bool> SupportsInterfaceQueryAsync(byte[] interfaceId, CancellationToken cancellationToken) =>
        QueryValueAsync<SupportsInterfaceFunction, bool>(new SupportsInterfaceFunction { InterfaceId = interfaceId }, cancellationToken);

    public Task<ContractReceipt> GrantRoleRequestAndWaitForReceiptAsync(byte[] role, string account, CancellationToken cancellationToken) =>
        SendAsync(new GrantRoleFunction { Role = role, Account = account }, cancellationToken);

    public Task<ContractReceipt> RevokeRoleRequestAndWaitForReceiptAsync(byte[] role, string account, CancellationToken cancellationToken) =>
        SendAsync(new RevokeRoleFunction { Role = role, Account = account }, cancellationToken);

    public Task<ContractReceipt> RenounceRoleRequestAndWaitForReceiptAsync(byte[] role, string callerConfirmation, CancellationToken cancellationToken) =>
        SendAsync(new RenounceRoleFunction { Role = role, Account = callerConfirmation }, cancellationToken);
}
