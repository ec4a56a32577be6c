using System.Numerics;
using MLGov.Contracts.StakingPool;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to a deployed StakingPool.</summary>
public sealed class StakingPoolService : GuardianPausableService, IStakingPoolService
{
    public StakingPoolService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> SlasherRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<SlasherRoleFunction, byte[]>(new SlasherRoleFunction(), cancellationToken);

    public Task<string> StakingTokenQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<StakingTokenFunction, string>(new StakingTokenFunction(), cancellationToken);

    public Task<ulong> UnbondingDelayQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<UnbondingDelayFunction, ulong>(new UnbondingDelayFunction(), cancellationToken);

    public Task<ulong> SlashVetoWindowQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<SlashVetoWindowFunction, ulong>(new SlashVetoWindowFunction(), cancellationToken);

    public Task<string> InsurancePoolQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<InsurancePoolFunction, string>(new InsurancePoolFunction(), cancellationToken);

    public Task<BigInteger> TotalBondedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalBondedFunction, BigInteger>(new TotalBondedFunction(), cancellationToken);

    public Task<BigInteger> TotalUnbondingQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalUnbondingFunction, BigInteger>(new TotalUnbondingFunction(), cancellationToken);

    public Task<BigInteger> TotalStakedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalStakedFunction, BigInteger>(new TotalStakedFunction(), cancellationToken);

    public Task<BigInteger> TotalSlashedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalSlashedFunction, BigInteger>(new TotalSlashedFunction(), cancellationToken);

    public Task<BigInteger> TotalWithdrawnQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalWithdrawnFunction, BigInteger>(new TotalWithdrawnFunction(), cancellationToken);

    public Task<ContractReceipt> SetInsurancePoolRequestAndWaitForReceiptAsync(string pool, CancellationToken cancellationToken) =>
        SendAsync(new SetInsurancePoolFunction { Pool = pool }, cancellationToken);

    public Task<ContractReceipt> StakeRequestAndWaitForReceiptAsync(byte[] serviceId, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new StakeFunction { ServiceId = serviceId, Amount = amount }, cancellationToken);

    public Task<ContractReceipt> RequestUnbondRequestAndWaitForReceiptAsync(byte[] serviceId, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new RequestUnbondFunction { ServiceId = serviceId, Amount = amount }, cancellationToken);

    public Task<ContractReceipt> WithdrawRequestAndWaitForReceiptAsync(byte[] serviceId, CancellationToken cancellationToken) =>
        SendAsync(new WithdrawFunction { ServiceId = serviceId }, cancellationToken);

    public Task<ContractReceipt> ProposeSlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, BigInteger amount, byte[] incidentId, ulong incidentTime, string reason, CancellationToken cancellationToken) =>
        SendAsync(new ProposeSlashFunction { Provider = provider, ServiceId = serviceId, Amount = amount, IncidentId = incidentId, IncidentTime = incidentTime, Reason = reason }, cancellationToken);

    public Task<ContractReceipt> ExecuteSlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken) =>
        SendAsync(new ExecuteSlashFunction { Provider = provider, ServiceId = serviceId, IncidentId = incidentId }, cancellationToken);

    public Task<ContractReceipt> CancelSlashRequestAndWaitForReceiptAsync(string provider, byte[] serviceId, byte[] incidentId, string reason, CancellationToken cancellationToken) =>
        SendAsync(new CancelSlashFunction { Provider = provider, ServiceId = serviceId, IncidentId = incidentId, Reason = reason }, cancellationToken);

    public Task<GetSlashOutput> GetSlashQueryAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken) =>
        QueryAsync<GetSlashFunction, GetSlashOutput>(new GetSlashFunction { Provider = provider, ServiceId = serviceId, IncidentId = incidentId }, cancellationToken);

    public Task<BigInteger> SlashableAtQueryAsync(string provider, byte[] serviceId, ulong incidentTime, CancellationToken cancellationToken) =>
        QueryValueAsync<SlashableAtFunction, BigInteger>(new SlashableAtFunction { Provider = provider, ServiceId = serviceId, IncidentTime = incidentTime }, cancellationToken);

    public Task<PositionOfOutput> PositionOfQueryAsync(string provider, byte[] serviceId, CancellationToken cancellationToken) =>
        QueryAsync<PositionOfFunction, PositionOfOutput>(new PositionOfFunction { Provider = provider, ServiceId = serviceId }, cancellationToken);

    public Task<bool> IsSlashedQueryAsync(string provider, byte[] serviceId, byte[] incidentId, CancellationToken cancellationToken) =>
        QueryValueAsync<IsSlashedFunction, bool>(new IsSlashedFunction { Provider = provider, ServiceId = serviceId, IncidentId = incidentId }, cancellationToken);
}
