using MLGov.Platform.Chain;
using System.Numerics;
using Microsoft.Extensions.Logging;
using MLGov.Contracts.AssetAnchorRegistry;
using MLGov.Contracts.GovernanceFinalizer;
using MLGov.Contracts.GovernanceTimelock;
using MLGov.Contracts.InsurancePool;
using MLGov.Contracts.MerkleDistributor;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Contracts.SoulboundBadge;
using MLGov.Contracts.StakingPool;
using MLGov.Contracts.TestToken;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Platform.Chain.Contracts;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;

namespace MLGov.Operations.Deployment;

/// <summary>
/// Deploys the whole contract set to a chain with the client's operator account and wires it:
/// each app's account gets exactly its app's roles (<see cref="AppAccounts"/>), the StakingPool gets <c>SLASH_DEPOSITOR_ROLE</c> on the
/// InsurancePool and sends its slashes there. Every step's receipt is read (contract code present,
/// <c>RoleGranted</c> / <c>InsurancePoolSet</c> emitted), and the wiring is read back from the chain
/// before the <see cref="DeploymentRecord"/> is returned. Nothing is assumed to have worked.
/// With <see cref="GovernanceDeploymentOptions.HandOverAdmin"/> a GovernanceTimelock is deployed first and
/// named as the admin of every governed contract in its constructor (no externally owned account is ever
/// their admin); the operator wires them through the timelock in one zero-delay batch, which ends by setting
/// the real delay, making the GovernanceFinalizer the proposer and the guardian the canceller, and revoking
/// the operator's own roles on the timelock. Without it the operator is the admin of every contract.
/// Either way DEFAULT_ADMIN_ROLE changes hands only in two steps with
/// <see cref="GovernanceDeploymentOptions.AdminTransferDelay"/> between them (AccessControlDefaultAdminRules).
/// </summary>
public sealed partial class GovernanceDeployer
{
    private readonly IChainClient _chain;
    private readonly ILogger<GovernanceDeployer> _logger;

    public GovernanceDeployer(IChainClient chain, ILogger<GovernanceDeployer> logger)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(logger);
        _chain = chain;
        _logger = logger;
    }

    public async Task<DeploymentRecord> DeployAsync(GovernanceDeploymentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.AppAccounts);
        options.AppAccounts.Validate();
        var guardian = options.HandOverAdmin ? CheckGuardian(options.Guardian) : null;
        if (options.AdminTransferDelay > MaxUInt48)
        {
            throw new DeploymentException($"The admin transfer delay {options.AdminTransferDelay} s does not fit the contracts' uint48 (at most {MaxUInt48}).");
        }

        var apps = options.AppAccounts;
        var operatorAddress = _chain.OperatorAddress
            ?? throw new DeploymentException("The chain client has no operator key, so it cannot deploy.");
        await CheckChainAsync(operatorAddress, cancellationToken).ConfigureAwait(false);
        var startBlock = await _chain.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var contracts = new Dictionary<string, string>(StringComparer.Ordinal);

        string token;
        if (options.DeployTestToken)
        {
            if (options.Token is not null)
            {
                throw new DeploymentException("Give either an existing token or DeployTestToken, not both.");
            }

            token = await DeployContractAsync(ContractNames.TestToken, new TestTokenDeployment { Name = options.TestTokenName, Symbol = options.TestTokenSymbol, Decimals = options.TestTokenDecimals, Admin = operatorAddress }, cancellationToken).ConfigureAwait(false);
            contracts[ContractNames.TestToken] = token;
        }
        else
        {
            token = await CheckTokenAsync(options.Token, cancellationToken).ConfigureAwait(false);
        }

        contracts[ContractNames.Token] = token;
        string? timelock = null;
        if (guardian is not null)
        {
            // zero delay and the operator as proposer and admin only until the wiring batch below has run
            timelock = contracts[ContractNames.GovernanceTimelock] = await DeployContractAsync(
                ContractNames.GovernanceTimelock,
                new GovernanceTimelockDeployment { MinDelay = 0, Proposers = [operatorAddress], Executors = [ZeroAddress], Admin = operatorAddress },
                cancellationToken).ConfigureAwait(false);
        }

        var admin = timelock ?? operatorAddress;
        var adminDelay = options.AdminTransferDelay;
        var badge = contracts[ContractNames.SoulboundBadge] = await DeployContractAsync(ContractNames.SoulboundBadge, new SoulboundBadgeDeployment { Name = options.BadgeName, Symbol = options.BadgeSymbol, Admin = admin, AdminDelay = adminDelay }, cancellationToken).ConfigureAwait(false);
        var registry = contracts[ContractNames.AssetAnchorRegistry] = await DeployContractAsync(ContractNames.AssetAnchorRegistry, new AssetAnchorRegistryDeployment { Admin = admin, AdminDelay = adminDelay }, cancellationToken).ConfigureAwait(false);
        var finalizer = contracts[ContractNames.GovernanceFinalizer] = await DeployContractAsync(ContractNames.GovernanceFinalizer, new GovernanceFinalizerDeployment { Admin = admin, BondToken = token, ChallengeWindow = options.ChallengeWindow, FinalizationPeriod = options.FinalizationPeriod, ProposalBond = options.ProposalBond, DisputeBond = options.DisputeBond, AdminDelay = adminDelay }, cancellationToken).ConfigureAwait(false);
        var distributor = contracts[ContractNames.MerkleDistributor] = await DeployContractAsync(ContractNames.MerkleDistributor, new MerkleDistributorDeployment { Admin = admin, ChallengeWindow = options.DistributionChallengeWindow, ClaimPeriod = options.DistributionClaimPeriod, AdminDelay = adminDelay }, cancellationToken).ConfigureAwait(false);
        var insurance = contracts[ContractNames.InsurancePool] = await DeployContractAsync(ContractNames.InsurancePool, new InsurancePoolDeployment { Asset = token, ClaimGracePeriod = options.ClaimGracePeriod, Admin = admin, AdminDelay = adminDelay }, cancellationToken).ConfigureAwait(false);
        var staking = contracts[ContractNames.StakingPool] = await DeployContractAsync(ContractNames.StakingPool, new StakingPoolDeployment { StakingToken = token, UnbondingDelay = options.UnbondingDelay, SlashVetoWindow = options.SlashVetoWindow, Admin = admin, AdminDelay = adminDelay }, cancellationToken).ConfigureAwait(false);

        var grants = new List<RoleGrant>
        {
            new(ContractNames.SoulboundBadge, badge, "ISSUER_ROLE", apps.Identity),
            new(ContractNames.SoulboundBadge, badge, "REVOKER_ROLE", apps.Identity),
            new(ContractNames.AssetAnchorRegistry, registry, "REGISTRAR_ROLE", apps.Registry),
            new(ContractNames.GovernanceFinalizer, finalizer, "FINALIZER_ROLE", apps.Voting),
            new(ContractNames.MerkleDistributor, distributor, "DISTRIBUTOR_ROLE", apps.Finance),
            new(ContractNames.StakingPool, staking, "SLASHER_ROLE", apps.Risk),
            new(ContractNames.InsurancePool, insurance, "UNDERWRITER_ROLE", apps.Finance),
            new(ContractNames.InsurancePool, insurance, "PAYER_ROLE", apps.Finance),
            new(ContractNames.InsurancePool, insurance, "SLASH_DEPOSITOR_ROLE", staking),
        };

        if (timelock is null)
        {
            foreach (var grant in grants)
            {
                await GrantAsync(grant, cancellationToken).ConfigureAwait(false);
            }

            await SetInsurancePoolAsync(staking, insurance, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // the guardian pauses the money contracts and disputes pending distribution roots
            grants.AddRange(new[] { ContractNames.StakingPool, ContractNames.InsurancePool, ContractNames.MerkleDistributor }
                .Select(name => new RoleGrant(name, contracts[name], "GUARDIAN_ROLE", guardian!)));
            grants.Add(new RoleGrant(ContractNames.MerkleDistributor, distributor, "CHALLENGER_ROLE", guardian!));
            await WireThroughTimelockAsync(timelock, operatorAddress, guardian!, finalizer, staking, insurance, grants, options.TimelockDelay, cancellationToken).ConfigureAwait(false);
        }

        await VerifyAsync([.. grants], token, finalizer, staking, insurance, options, cancellationToken).ConfigureAwait(false);
        await VerifyWindowsAsync(distributor, staking, insurance, options, cancellationToken).ConfigureAwait(false);
        await VerifyAdminAsync(contracts, admin, adminDelay, operatorAddress, cancellationToken).ConfigureAwait(false);
        if (timelock is not null)
        {
            await VerifyTimelockAsync(timelock, operatorAddress, guardian!, finalizer, options.TimelockDelay, cancellationToken).ConfigureAwait(false);
        }

        LogDeployed(_logger, contracts.Count, _chain.ChainId);
        return new DeploymentRecord(_chain.ChainId, options.RpcUrl, operatorAddress, contracts, DateTimeOffset.UtcNow)
        {
            ChallengeWindow = options.ChallengeWindow,
            UnbondingDelay = options.UnbondingDelay,
            StartBlock = startBlock,
            AppAccounts = apps.ToDictionary(),
            Guardian = guardian,
            TimelockDelay = guardian is null ? null : options.TimelockDelay,
            AdminTransferDelay = options.AdminTransferDelay,
        };
    }

    private static string CheckGuardian(string? guardian)
    {
        if (string.IsNullOrWhiteSpace(guardian))
        {
            throw new DeploymentException("Handing the admin over to the timelock needs a guardian address (it pauses the money contracts and cancels queued calls).");
        }

        try
        {
            AbiWords.ParseAddress(guardian);
        }
        catch (FormatException exception)
        {
            throw new DeploymentException($"The guardian '{guardian}' is not an address (0x followed by 40 hex digits).", exception);
        }

        if (new BigInteger(Convert.FromHexString(guardian[2..]), isUnsigned: true, isBigEndian: true).IsZero)
        {
            throw new DeploymentException("The guardian cannot be the zero address.");
        }

        return guardian;
    }

    /// <summary>
    /// Wires the contracts whose admin is the timelock, in one batch scheduled and executed at once while the
    /// timelock's delay is still zero and the operator its proposer: the role grants, the StakingPool's insurance
    /// pool, then on the timelock itself the finalizer as proposer, the guardian as canceller, the real delay, and
    /// the removal of the operator's proposer, canceller and admin roles. Checks the batch's events.
    /// </summary>
    private async Task WireThroughTimelockAsync(string timelock, string operatorAddress, string guardian, string finalizer, string staking, string insurance, IReadOnlyList<RoleGrant> grants, ulong delay, CancellationToken cancellationToken)
    {
        var calls = grants.Select(g => (g.ContractAddress, new GrantRoleFunction { Role = g.Role, Account = g.Grantee }.GetCallData())).ToList();
        calls.Add((staking, new SetInsurancePoolFunction { Pool = insurance }.GetCallData()));
        var timelockGrants = new[]
        {
            new RoleGrant(ContractNames.GovernanceTimelock, timelock, "PROPOSER_ROLE", finalizer),
            new RoleGrant(ContractNames.GovernanceTimelock, timelock, "CANCELLER_ROLE", guardian),
        };
        var timelockRevokes = new[]
        {
            new RoleGrant(ContractNames.GovernanceTimelock, timelock, "PROPOSER_ROLE", operatorAddress),
            new RoleGrant(ContractNames.GovernanceTimelock, timelock, "CANCELLER_ROLE", operatorAddress),
            new RoleGrant(ContractNames.GovernanceTimelock, timelock, DefaultAdminRoleName, operatorAddress),
        };
        calls.AddRange(timelockGrants.Select(g => (timelock, new GrantRoleFunction { Role = g.Role, Account = g.Grantee }.GetCallData())));
        calls.Add((timelock, new UpdateDelayFunction { NewDelay = delay }.GetCallData()));
        calls.AddRange(timelockRevokes.Select(g => (timelock, new RevokeRoleFunction { Role = g.Role, Account = g.Grantee }.GetCallData())));

        var salt = Keccak256.Compute(System.Text.Encoding.UTF8.GetBytes("MLGov deployment wiring"));
        var targets = calls.Select(c => c.Item1).ToList();
        var payloads = calls.Select(c => c.Item2).ToList();
        var values = calls.Select(_ => BigInteger.Zero).ToList();
        await StepAsync(
            "Scheduling the wiring batch in the GovernanceTimelock",
            () => _chain.SendAsync(timelock, new ScheduleBatchFunction { Targets = targets, Values = values, Payloads = payloads, Predecessor = new byte[32], Salt = salt, Delay = 0 }, cancellationToken)).ConfigureAwait(false);
        var receipt = new ContractReceipt(await StepAsync(
            "Executing the wiring batch through the GovernanceTimelock",
            () => _chain.SendAsync(timelock, new ExecuteBatchFunction { Targets = targets, Values = values, Payloads = payloads, Predecessor = new byte[32], Salt = salt }, cancellationToken)).ConfigureAwait(false));

        foreach (var grant in grants.Concat(timelockGrants))
        {
            if (!receipt.Events<RoleGrantedEvent>(grant.ContractAddress).Any(e => e.Role.AsSpan().SequenceEqual(grant.Role) && SameAddress(e.Account, grant.Grantee)))
            {
                throw new DeploymentException($"The wiring batch ({receipt.TransactionHash}) emitted no RoleGranted event for {grant.RoleName} on {grant.ContractName} to {grant.Grantee}.");
            }

            LogRoleGranted(_logger, grant.RoleName, grant.ContractName, grant.Grantee, receipt.TransactionHash);
        }

        foreach (var revoke in timelockRevokes)
        {
            if (!receipt.Events<RoleRevokedEvent>(timelock).Any(e => e.Role.AsSpan().SequenceEqual(revoke.Role) && SameAddress(e.Account, revoke.Grantee)))
            {
                throw new DeploymentException($"The wiring batch ({receipt.TransactionHash}) emitted no RoleRevoked event for the operator's {revoke.RoleName} on the GovernanceTimelock.");
            }

            LogRoleRemoved(_logger, revoke.RoleName, revoke.ContractName, revoke.Grantee, receipt.TransactionHash);
        }

        if (!receipt.Events<InsurancePoolSetEvent>(staking).Any(e => SameAddress(e.NewPool, insurance)))
        {
            throw new DeploymentException($"The wiring batch ({receipt.TransactionHash}) emitted no InsurancePoolSet event.");
        }
    }

    /// <summary>Reads back the single admin of every governed contract and its hand-over delay, and that the operator holds no admin role.</summary>
    private async Task VerifyAdminAsync(Dictionary<string, string> contracts, string admin, ulong adminDelay, string operatorAddress, CancellationToken cancellationToken)
    {
        foreach (var name in Governed)
        {
            var address = contracts[name];
            var defaultAdmin = await _chain.QueryValueAsync<DefaultAdminFunction, string>(address, new DefaultAdminFunction(), cancellationToken).ConfigureAwait(false);
            if (!SameAddress(defaultAdmin, admin))
            {
                throw new DeploymentException($"{name}.defaultAdmin() is {defaultAdmin}, not {admin}.");
            }

            var delay = await _chain.QueryValueAsync<DefaultAdminDelayFunction, BigInteger>(address, new DefaultAdminDelayFunction(), cancellationToken).ConfigureAwait(false);
            if (delay != adminDelay)
            {
                throw new DeploymentException($"{name}.defaultAdminDelay() is {delay}, not {adminDelay}.");
            }

            if (!SameAddress(admin, operatorAddress) && await new AccessControlService(_chain, address).HasRoleQueryAsync(ContractRoles.DefaultAdmin, operatorAddress, cancellationToken).ConfigureAwait(false))
            {
                throw new DeploymentException($"After the admin hand-over, the operator still holds the admin role on {name}.");
            }
        }
    }

    /// <summary>Reads back the timelock: its delay, the finalizer proposing, anyone executing, the guardian alone cancelling, no role left to the operator.</summary>
    private async Task VerifyTimelockAsync(string timelock, string operatorAddress, string guardian, string finalizer, ulong delay, CancellationToken cancellationToken)
    {
        var service = new AccessControlService(_chain, timelock);
        var checks = new List<(string What, bool Ok)>
        {
            ("GovernanceTimelock.getMinDelay()", await _chain.QueryValueAsync<GetMinDelayFunction, BigInteger>(timelock, new GetMinDelayFunction(), cancellationToken).ConfigureAwait(false) == delay),
            ("the finalizer holds PROPOSER_ROLE on the GovernanceTimelock", await service.HasRoleQueryAsync(ContractRoles.Of("PROPOSER_ROLE"), finalizer, cancellationToken).ConfigureAwait(false)),
            ("anyone holds EXECUTOR_ROLE on the GovernanceTimelock", await service.HasRoleQueryAsync(ContractRoles.Of("EXECUTOR_ROLE"), ZeroAddress, cancellationToken).ConfigureAwait(false)),
            ("the guardian holds CANCELLER_ROLE on the GovernanceTimelock", await service.HasRoleQueryAsync(ContractRoles.Of("CANCELLER_ROLE"), guardian, cancellationToken).ConfigureAwait(false)),
            ("the finalizer does not hold CANCELLER_ROLE on the GovernanceTimelock", !await service.HasRoleQueryAsync(ContractRoles.Of("CANCELLER_ROLE"), finalizer, cancellationToken).ConfigureAwait(false)),
            ("the GovernanceTimelock administers itself", await service.HasRoleQueryAsync(ContractRoles.DefaultAdmin, timelock, cancellationToken).ConfigureAwait(false)),
        };
        foreach (var role in new[] { "PROPOSER_ROLE", "CANCELLER_ROLE", DefaultAdminRoleName })
        {
            var id = role == DefaultAdminRoleName ? ContractRoles.DefaultAdmin : ContractRoles.Of(role);
            checks.Add(($"the operator holds no {role} on the GovernanceTimelock", !await service.HasRoleQueryAsync(id, operatorAddress, cancellationToken).ConfigureAwait(false)));
        }

        foreach (var (what, ok) in checks)
        {
            if (!ok)
            {
                throw new DeploymentException($"After the admin hand-over, {what} does not read back as expected.");
            }
        }
    }

    private async Task CheckChainAsync(string operatorAddress, CancellationToken cancellationToken)
    {
        var nodeChainId = await _chain.GetNodeChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (nodeChainId != _chain.ChainId)
        {
            throw new DeploymentException($"The node serves chain id {nodeChainId}, not the expected {_chain.ChainId}.");
        }

        var balance = await _chain.GetBalanceAsync(operatorAddress, cancellationToken).ConfigureAwait(false);
        if (balance.IsZero)
        {
            throw new DeploymentException($"The operator account {operatorAddress} has no native currency on chain {nodeChainId} to pay for gas; fund it first.");
        }
    }

    private async Task<string> CheckTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new DeploymentException("No token: give the address of the ERC-20 the pools use, or deploy a TestToken (local and test chains).");
        }

        try
        {
            AbiWords.ParseAddress(token);
        }
        catch (FormatException exception)
        {
            throw new DeploymentException($"The token '{token}' is not an address (0x followed by 40 hex digits).", exception);
        }

        if (IsEmptyCode(await _chain.GetCodeAsync(token, cancellationToken).ConfigureAwait(false)))
        {
            throw new DeploymentException($"There is no contract at the token address {token} on chain {_chain.ChainId}.");
        }

        return token;
    }

    private async Task<string> DeployContractAsync<TDeployment>(string name, TDeployment deployment, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new()
    {
        var receipt = new ContractReceipt(await StepAsync($"Deploying {name}", () => _chain.DeployAsync(deployment, cancellationToken)).ConfigureAwait(false));
        var address = receipt.ContractAddress
            ?? throw new DeploymentException($"The deployment of {name} ({receipt.TransactionHash}) has no contract address in its receipt.");
        if (IsEmptyCode(await _chain.GetCodeAsync(address, cancellationToken).ConfigureAwait(false)))
        {
            throw new DeploymentException($"The deployment of {name} ({receipt.TransactionHash}) left no code at {address}.");
        }

        LogContractDeployed(_logger, name, address, receipt.TransactionHash, receipt.GasUsed);
        return address;
    }

    private async Task GrantAsync(RoleGrant grant, CancellationToken cancellationToken)
    {
        var role = grant.Role;
        var receipt = await StepAsync(
            $"Granting {grant.RoleName} on {grant.ContractName}",
            () => new AccessControlService(_chain, grant.ContractAddress).GrantRoleRequestAndWaitForReceiptAsync(role, grant.Grantee, cancellationToken)).ConfigureAwait(false);
        var granted = receipt.Events<RoleGrantedEvent>(grant.ContractAddress)
            .Any(e => e.Role.AsSpan().SequenceEqual(role) && SameAddress(e.Account, grant.Grantee));
        if (!granted)
        {
            throw new DeploymentException($"Granting {grant.RoleName} on {grant.ContractName} to {grant.Grantee} ({receipt.TransactionHash}) emitted no RoleGranted event.");
        }

        LogRoleGranted(_logger, grant.RoleName, grant.ContractName, grant.Grantee, receipt.TransactionHash);
    }

    private async Task SetInsurancePoolAsync(string staking, string insurance, CancellationToken cancellationToken)
    {
        var receipt = await StepAsync(
            "Setting the StakingPool's insurance pool",
            () => new StakingPoolService(_chain, staking).SetInsurancePoolRequestAndWaitForReceiptAsync(insurance, cancellationToken)).ConfigureAwait(false);
        if (!receipt.Events<InsurancePoolSetEvent>(staking).Any(e => SameAddress(e.NewPool, insurance)))
        {
            throw new DeploymentException($"Setting the StakingPool's insurance pool ({receipt.TransactionHash}) emitted no InsurancePoolSet event.");
        }
    }

    /// <summary>Reads the wiring back from the chain: every role held, the pools on the right token, the settings as asked.</summary>
    private async Task VerifyAsync(RoleGrant[] grants, string token, string finalizer, string staking, string insurance, GovernanceDeploymentOptions options, CancellationToken cancellationToken)
    {
        await VerifyAsync(grants, cancellationToken).ConfigureAwait(false);

        var stakingPool = new StakingPoolService(_chain, staking);
        var insurancePool = new InsurancePoolService(_chain, insurance);
        var checks = new (string What, bool Ok)[]
        {
            ("StakingPool.insurancePool()", SameAddress(await stakingPool.InsurancePoolQueryAsync(cancellationToken).ConfigureAwait(false), insurance)),
            ("StakingPool.stakingToken()", SameAddress(await stakingPool.StakingTokenQueryAsync(cancellationToken).ConfigureAwait(false), token)),
            ("StakingPool.unbondingDelay()", await stakingPool.UnbondingDelayQueryAsync(cancellationToken).ConfigureAwait(false) == options.UnbondingDelay),
            ("InsurancePool.asset()", SameAddress(await insurancePool.AssetQueryAsync(cancellationToken).ConfigureAwait(false), token)),
            ("GovernanceFinalizer.challengeWindow()", await new GovernanceFinalizerService(_chain, finalizer).ChallengeWindowQueryAsync(cancellationToken).ConfigureAwait(false) == options.ChallengeWindow),
        };
        foreach (var (what, ok) in checks)
        {
            if (!ok)
            {
                throw new DeploymentException($"{what} does not read back as deployed.");
            }
        }
    }

    private async Task VerifyAsync(RoleGrant[] grants, CancellationToken cancellationToken)
    {
        foreach (var grant in grants)
        {
            if (!await new AccessControlService(_chain, grant.ContractAddress).HasRoleQueryAsync(grant.Role, grant.Grantee, cancellationToken).ConfigureAwait(false))
            {
                throw new DeploymentException($"{grant.Grantee} does not hold {grant.RoleName} on {grant.ContractName} after the grant.");
            }
        }
    }

    /// <summary>Reads back the veto, grace, challenge and claim periods the money contracts were deployed with.</summary>
    private async Task VerifyWindowsAsync(string distributor, string staking, string insurance, GovernanceDeploymentOptions options, CancellationToken cancellationToken)
    {
        var checks = new (string What, bool Ok)[]
        {
            ("StakingPool.slashVetoWindow()", await new StakingPoolService(_chain, staking).SlashVetoWindowQueryAsync(cancellationToken).ConfigureAwait(false) == options.SlashVetoWindow),
            ("InsurancePool.claimGracePeriod()", await new InsurancePoolService(_chain, insurance).ClaimGracePeriodQueryAsync(cancellationToken).ConfigureAwait(false) == options.ClaimGracePeriod),
            ("MerkleDistributor.challengeWindow()", await new MerkleDistributorService(_chain, distributor).ChallengeWindowQueryAsync(cancellationToken).ConfigureAwait(false) == options.DistributionChallengeWindow),
        };
        foreach (var (what, ok) in checks)
        {
            if (!ok)
            {
                throw new DeploymentException($"{what} does not read back as deployed.");
            }
        }
    }

    /// <summary>Runs one transaction of the deployment; a revert or a refusal by the node becomes a <see cref="DeploymentException"/> naming the step.</summary>
    private static async Task<T> StepAsync<T>(string step, Func<Task<T>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (ChainRevertException exception)
        {
            throw new DeploymentException($"{step} reverted ({exception.Selector ?? "no revert data"}): {exception.Message}", exception);
        }
        catch (RpcResponseException exception)
        {
            throw new DeploymentException($"{step} was refused by the node: {exception.Message}", exception);
        }
    }

    private static bool IsEmptyCode(string? code) => string.IsNullOrEmpty(code) || code is "0x" or "0x0";

    private static bool SameAddress(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {Contract} at {Address} in {TransactionHash} ({GasUsed} gas)")]
    private static partial void LogContractDeployed(ILogger logger, string contract, string address, string transactionHash, BigInteger gasUsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted {Role} on {Contract} to {Grantee} in {TransactionHash}")]
    private static partial void LogRoleGranted(ILogger logger, string role, string contract, string grantee, string transactionHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed and wired {Count} contracts on chain {ChainId}")]
    private static partial void LogDeployed(ILogger logger, int count, long chainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Role} on {Contract} from {Account} in {TransactionHash}")]
    private static partial void LogRoleRemoved(ILogger logger, string role, string contract, string account, string transactionHash);

    private const string DefaultAdminRoleName = "DEFAULT_ADMIN_ROLE";

    private static readonly string[] Governed = [ContractNames.SoulboundBadge, ContractNames.AssetAnchorRegistry, ContractNames.GovernanceFinalizer, ContractNames.MerkleDistributor, ContractNames.InsurancePool, ContractNames.StakingPool];

    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    private const ulong MaxUInt48 = (1UL << 48) - 1;

    private sealed record RoleGrant(string ContractName, string ContractAddress, string RoleName, string Grantee)
    {
        public byte[] Role => RoleName == DefaultAdminRoleName ? ContractRoles.DefaultAdmin : ContractRoles.Of(RoleName);
    }
}
