using System.Numerics;
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

    /// <summary>Three days: the StakingPool's slash veto window when none is given (longer than a governance vote plus the timelock delay).</summary>
    public const ulong DefaultSlashVetoWindow = 3 * 24 * 3600;

    /// <summary>Fourteen days: the InsurancePool's claim grace period after expiry when none is given.</summary>
    public const ulong DefaultClaimGracePeriod = 14 * 24 * 3600;

    /// <summary>One day: how long a MerkleDistributor root is pending (disputable) when none is given.</summary>
    public const ulong DefaultDistributionChallengeWindow = 24 * 3600;

    /// <summary>365 days: how long after a root's activation unclaimed revenue may be swept, when none is given.</summary>
    public const ulong DefaultDistributionClaimPeriod = 365 * 24 * 3600;

    /// <summary>Seven days: how long after its challenge window a GovernanceFinalizer result can be finalized, when none is given.</summary>
    public const ulong DefaultFinalizationPeriod = 7 * 24 * 3600;

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

    /// <summary>GovernanceFinalizer finalization period, seconds after the challenge window before a result expires.</summary>
    public ulong FinalizationPeriod { get; init; } = DefaultFinalizationPeriod;

    /// <summary>GovernanceFinalizer proposal bond, in minor units of the token (0: none).</summary>
    public BigInteger ProposalBond { get; init; }

    /// <summary>GovernanceFinalizer dispute bond, in minor units of the token (0: none).</summary>
    public BigInteger DisputeBond { get; init; }

    /// <summary>StakingPool unbonding delay, seconds.</summary>
    public ulong UnbondingDelay { get; init; } = DefaultUnbondingDelay;

    /// <summary>StakingPool slash veto window, seconds: between a slash proposal and its execution.</summary>
    public ulong SlashVetoWindow { get; init; } = DefaultSlashVetoWindow;

    /// <summary>InsurancePool claim grace period, seconds after a policy's expiry.</summary>
    public ulong ClaimGracePeriod { get; init; } = DefaultClaimGracePeriod;

    /// <summary>MerkleDistributor challenge window, seconds a posted root is pending (0: active at once).</summary>
    public ulong DistributionChallengeWindow { get; init; } = DefaultDistributionChallengeWindow;

    /// <summary>MerkleDistributor claim period, seconds after a root's activation before a governance sweep.</summary>
    public ulong DistributionClaimPeriod { get; init; } = DefaultDistributionClaimPeriod;

    /// <summary>One day: the GovernanceTimelock's minimum delay when none is given.</summary>
    public const ulong DefaultTimelockDelay = 24 * 3600;

    /// <summary>Three days: how long a hand-over of DEFAULT_ADMIN_ROLE waits between begin and accept, when none is given.</summary>
    public const ulong DefaultAdminTransferDelay = 3 * 24 * 3600;

    /// <summary>
    /// Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE on every governed contract
    /// (OpenZeppelin AccessControlDefaultAdminRules; the admin role cannot be granted in one step). At most 2^48 - 1.
    /// </summary>
    public ulong AdminTransferDelay { get; init; } = DefaultAdminTransferDelay;

    /// <summary>
    /// Make a GovernanceTimelock (proposer: the GovernanceFinalizer; canceller: <see cref="Guardian"/>;
    /// execution open to anyone once the delay has passed) the admin of every governed contract from its
    /// constructor, wire the contracts through it, give the guardian GUARDIAN_ROLE on the pausable contracts
    /// and CHALLENGER_ROLE on the MerkleDistributor, and leave the operator no role on the timelock.
    /// Off: the operator is the admin (test fixtures that administer the contracts directly).
    /// The TestToken, a local faucet, stays administered by the operator.
    /// </summary>
    public bool HandOverAdmin { get; init; }

    /// <summary>The guardian account: pauses the money contracts and cancels queued timelock calls. Required with <see cref="HandOverAdmin"/>.</summary>
    public string? Guardian { get; init; }

    /// <summary>GovernanceTimelock minimum delay, seconds between a call's scheduling and its execution.</summary>
    public ulong TimelockDelay { get; init; } = DefaultTimelockDelay;

    public string BadgeName { get; init; } = "MLGov Badge";

    public string BadgeSymbol { get; init; } = "MLGB";

    public string TestTokenName { get; init; } = "MLGov Test Token";

    public string TestTokenSymbol { get; init; } = "MLGT";

    public byte TestTokenDecimals { get; init; } = 6;
}
