using Microsoft.Extensions.Logging;
using MLGov.Platform.Chain;
using MLGov.Operations.Deployment;

namespace MLGov.LocalStack;

/// <summary>
/// Deploys the whole contract set to the local anvil for mlgov up: a TestToken as the pools' token,
/// one account per app, and short windows (60 s) so flows can be walked through by hand; tests move anvil's clock instead.
/// The admin of every contract but the TestToken goes to a GovernanceTimelock (60 s delay) whose proposer is the
/// GovernanceFinalizer and whose canceller is the given guardian; the operator renounces its admin roles.
/// </summary>
public static class ContractDeployer
{
    public const ulong LocalChallengeWindow = 60;
    public const ulong LocalUnbondingDelay = 60;
    public const ulong LocalTimelockDelay = 60;

    /// <summary>The GovernanceFinalizer's bonds on the local chain, in TestToken minor units (6 decimals).</summary>
    public const ulong LocalProposalBond = 100_000_000;

    public const ulong LocalDisputeBond = 40_000_000;

    /// <summary>TestTokens minted to the voting app's account on the local chain, for proposal bonds.</summary>
    public static readonly System.Numerics.BigInteger LocalVotingBondFunds = new(1_000_000_000_000);

    public static Task<DeploymentRecord> DeployAsync(IChainClient chain, Uri rpcUrl, AppAccounts appAccounts, string guardian, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
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
                HandOverAdmin = true,
                Guardian = guardian,
                TimelockDelay = LocalTimelockDelay,
                ProposalBond = LocalProposalBond,
                DisputeBond = LocalDisputeBond,
            },
            cancellationToken);
    }
}
