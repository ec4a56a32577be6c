namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The guardian's brake on the money contracts (StakingPool, InsurancePool, MerkleDistributor):
/// a <c>GUARDIAN_ROLE</c> account pauses their value-moving functions, which then revert
/// <c>EnforcedPauseError</c>; only the admin (the timelock) unpauses.
/// </summary>
public interface IGuardianPausableService : IAccessControlService
{
    Task<byte[]> GuardianRoleQueryAsync(CancellationToken cancellationToken);

    Task<bool> PausedQueryAsync(CancellationToken cancellationToken);

    /// <summary>Guardian: pauses. Emits <c>PausedEvent</c>.</summary>
    Task<ContractReceipt> PauseRequestAndWaitForReceiptAsync(CancellationToken cancellationToken);

    /// <summary>Admin: resumes. Emits <c>UnpausedEvent</c>.</summary>
    Task<ContractReceipt> UnpauseRequestAndWaitForReceiptAsync(CancellationToken cancellationToken);
}
