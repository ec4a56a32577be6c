using MLGov.Contracts.OpenZeppelin;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>AccessControl plus the guardian's pause: the base of the money contracts' services.</summary>
public class GuardianPausableService : AccessControlService, IGuardianPausableService
{
    public GuardianPausableService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> GuardianRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<GuardianRoleFunction, byte[]>(new GuardianRoleFunction(), cancellationToken);

    public Task<bool> PausedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<PausedFunction, bool>(new PausedFunction(), cancellationToken);

    public Task<ContractReceipt> PauseRequestAndWaitForReceiptAsync(CancellationToken cancellationToken) =>
        SendAsync(new PauseFunction(), cancellationToken);

    public Task<ContractReceipt> UnpauseRequestAndWaitForReceiptAsync(CancellationToken cancellationToken) =>
        SendAsync(new UnpauseFunction(), cancellationToken);
}
