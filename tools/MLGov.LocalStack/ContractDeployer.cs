using Microsoft.Extensions.Logging;
using MLGov.Platform.Chain;
using MLGov.Operations.Deployment;

namespace MLGov.LocalStack;

/// <summary>
/// Deploys the whole contract set to the local anvil for mlgov up: a TestToken as the pools' token,
/// one account per app, and short windows (60 s) so flows can be walked through by hand; tests move anvil's clock instead.
/// </summary>
public static class ContractDeployer
{
    public const ulong LocalChallengeWindow = 60;
    public const ulong LocalUnbondingDelay = 60;

    public static Task<DeploymentRecord> DeployAsync(IChainClient chain, Uri rpcUrl, AppAccounts appAccounts, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var deployer = new GovernanceDeployer(chain, loggerFactory.CreateLogger<GovernanceDeployer>());
        return deployer.DeployAsync(
            new GovernanceDeploymentOptions
            {
                RpcUrl = rpcUrl,
                AppAccounts = appAccounts,
                DeployTestToken = true,
                ChallengeWindow = LocalChallengeWindow,
                UnbondingDelay = LocalUnbondingDelay,
                SlashVetoWindow = LocalChallengeWindow,
                ClaimGracePeriod = LocalChallengeWindow,
                DistributionChallengeWindow = LocalChallengeWindow,
            },
            cancellationToken);
    }
}
