using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
namespace MLGov.Operations.Deployment;

/// <summary>The names under which a <see cref="DeploymentRecord"/> lists the contracts (and the apps read <c>Contracts:&lt;Name&gt;</c>).</summary>
public static class ContractNames
{
    public const string SoulboundBadge = nameof(SoulboundBadge);
    public const string AssetAnchorRegistry = nameof(AssetAnchorRegistry);
    public const string GovernanceFinalizer = nameof(GovernanceFinalizer);
    public const string MerkleDistributor = nameof(MerkleDistributor);
    public const string StakingPool = nameof(StakingPool);
    public const string InsurancePool = nameof(InsurancePool);

    /// <summary>The admin of the governed contracts (present only when the deployment handed the admin over).</summary>
    public const string GovernanceTimelock = nameof(GovernanceTimelock);

    /// <summary>The ERC-20 of the staking and insurance pools (the operator's token, or the TestToken).</summary>
    public const string Token = nameof(Token);

    /// <summary>Present only when the deployment created a TestToken (same address as <see cref="Token"/>).</summary>
    public const string TestToken = nameof(TestToken);
}
