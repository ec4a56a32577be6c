using MLGov.Operations.Deployment;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>The addresses of one deployment, read from its record.</summary>
public sealed record DeployedContracts(string SoulboundBadge, string AssetAnchorRegistry, string GovernanceFinalizer, string MerkleDistributor, string StakingPool, string InsurancePool, string Token)
{
    public static DeployedContracts From(DeploymentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var c = record.Contracts;
        return new DeployedContracts(
            c[ContractNames.SoulboundBadge],
            c[ContractNames.AssetAnchorRegistry],
            c[ContractNames.GovernanceFinalizer],
            c[ContractNames.MerkleDistributor],
            c[ContractNames.StakingPool],
            c[ContractNames.InsurancePool],
            c[ContractNames.Token]);
    }
}
