using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
namespace MLGov.Operations.Deployment;

/// <summary>What <see cref="GovernanceDeployer"/> deploys and with which settings.</summary>
public sealed class GovernanceDeploymentOptions
{
    /// <summary>Three days: the challenge window when none is given.</summary>
    public const ulong DefaultChallengeWindow = 3 * 24 * 3600;

    /// <summary>Seven days: the unbonding delay when none is given.</summary>
    public const ulong DefaultUnbondingDelay = 7 * 24 * 3600;

    /// <summary>The account of each app, which gets exactly its app's roles (<see cref="Deployment.AppAccounts"/>).</summary>
    public required AppAccounts AppAccounts { get; init; }

    /// <summary>The RPC URL recorded in the deployment record (the apps' <c>Chain:RpcUrl</c>).</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>The existing ERC-20 of the pools. Exactly one of this and <see cref="DeployTestToken"/>.</summary>
    public string? Token { get; init; }

    /// <summary>Deploy a TestToken (mintable by the operator) as the pools' ERC-20: local and test chains only.</summary>
    public bool DeployTestToken { get; init; }

    /// <summary>GovernanceFinalizer challenge window, seconds (0: finalize at once, no disputes).</summary>
    public ulong ChallengeWindow { get; init; } = DefaultChallengeWindow;

    /// <summary>StakingPool unbonding delay, seconds.</summary>
    public ulong UnbondingDelay { get; init; } = DefaultUnbondingDelay;

    public string BadgeName { get; init; } = "MLGov Badge";

    public string BadgeSymbol { get; init; } = "MLGB";

    public string TestTokenName { get; init; } = "MLGov Test Token";

    public string TestTokenSymbol { get; init; } = "MLGT";

    public byte TestTokenDecimals { get; init; } = 6;
}
