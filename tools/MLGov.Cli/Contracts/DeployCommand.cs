using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using MLGov.Core.Encoding;
using MLGov.DevStack;
using MLGov.Platform.Chain;
using MLGov.Operations.Deployment;
using Nethereum.JsonRpc.Client;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MLGov.Cli.Contracts;

/// <summary>
/// mlgov contracts deploy: deploys and wires the whole contract set with the operator's key
/// (<see cref="GovernanceDeployer"/>), hands the admin roles to a GovernanceTimelock with the given guardian
/// (the operator keeps no role on the governed contracts), writes the deployment record and prints its path on stdout.
/// Every constructor parameter of the contracts has a flag (windows, periods, delays, bonds); bad values are
/// refused with one line and exit code 2 before anything is sent.
/// Progress goes to stderr; any failure is one line on stderr and a non-zero exit code.
/// </summary>
internal static class DeployCommand
{
    private const int InputError = 2;
    private const int DeploymentFailed = 1;
    private const ulong MaxUInt48 = (1UL << 48) - 1;
    private static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    public static Command Create()
    {
        var rpcUrl = new Option<string>("--rpc-url") { Description = "JSON-RPC URL of the chain", Required = true };
        var chainId = new Option<long>("--chain-id") { Description = "Chain id the transactions are signed for; must match the node's", Required = true };
        var keyFile = new Option<string>("--operator-key-file") { Description = "File holding the deployer's private key (64 hex digits); it hands the admin roles to the timelock and renounces its own", Required = true };
        var appAccounts = new Option<string[]>("--app-account") { Description = "APP=ADDRESS, once for each app (identity, registry, voting, finance, risk): the account that gets that app's roles and nothing else", Required = true, AllowMultipleArgumentsPerToken = false };
        var token = new Option<string?>("--token") { Description = "Address of the existing ERC-20 the staking and insurance pools use" };
        var testToken = new Option<bool>("--test-token") { Description = "Deploy a mintable TestToken as the pools' ERC-20 instead (local and test chains only)" };
        var challengeWindow = new Option<ulong>("--challenge-window") { Description = "GovernanceFinalizer challenge window in seconds", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultChallengeWindow };
        var unbondingDelay = new Option<ulong>("--unbonding-delay") { Description = "StakingPool unbonding delay in seconds", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultUnbondingDelay };
        var guardian = new Option<string>("--guardian") { Description = "Address of the guardian: pauses the money contracts and cancels calls queued in the timelock; cannot move funds or grant roles", Required = true };
        var timelockDelay = new Option<ulong>("--timelock-delay") { Description = "GovernanceTimelock minimum delay in seconds between a governance call's scheduling and its execution", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultTimelockDelay };
        var adminTransferDelay = new Option<ulong>("--admin-transfer-delay") { Description = "Seconds between beginning and accepting a hand-over of the admin role of a governed contract (at most 2^48 - 1)", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultAdminTransferDelay };
        var finalizationPeriod = new Option<ulong>("--finalization-period") { Description = "GovernanceFinalizer: seconds after the challenge window during which a result can be finalized before it expires (positive)", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultFinalizationPeriod };
        var proposalBond = new Option<string>("--proposal-bond") { Description = "GovernanceFinalizer proposer's bond, in minor units of the token (integer, default 0)", DefaultValueFactory = _ => "0" };
        var disputeBond = new Option<string>("--dispute-bond") { Description = "GovernanceFinalizer challenger's bond, in minor units of the token (integer, default 0)", DefaultValueFactory = _ => "0" };
        var slashVetoWindow = new Option<ulong>("--slash-veto-window") { Description = "StakingPool: seconds between a slash proposal and its execution, in which governance can cancel it (longer than the timelock delay)", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultSlashVetoWindow };
        var claimGracePeriod = new Option<ulong>("--claim-grace-period") { Description = "InsurancePool: seconds after a policy's expiry during which claims for covered incidents are paid", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultClaimGracePeriod };
        var distributionChallengeWindow = new Option<ulong>("--distribution-challenge-window") { Description = "MerkleDistributor: seconds a posted root is pending (disputable) before claims use it", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultDistributionChallengeWindow };
        var distributionClaimPeriod = new Option<ulong>("--distribution-claim-period") { Description = "MerkleDistributor: seconds after a root activates before governance may sweep what is unclaimed (positive)", DefaultValueFactory = _ => GovernanceDeploymentOptions.DefaultDistributionClaimPeriod };
        var output = new Option<string?>("--out") { Description = "Where to write the deployment record (default: .mlgov/deployments/chain-<id>-<UTC time>.json)" };
        var command = new Command("deploy", "Deploy and wire the contract set, and write the deployment record")
        {
            rpcUrl, chainId, keyFile, appAccounts, token, testToken, challengeWindow, unbondingDelay, guardian, timelockDelay,
            adminTransferDelay, finalizationPeriod, proposalBond, disputeBond, slashVetoWindow, claimGracePeriod,
            distributionChallengeWindow, distributionClaimPeriod, output,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Request(
                parse.GetValue(rpcUrl)!,
                parse.GetValue(chainId),
                parse.GetValue(keyFile)!,
                parse.GetValue(appAccounts) ?? [],
                parse.GetValue(token),
                parse.GetValue(testToken),
                parse.GetValue(challengeWindow),
                parse.GetValue(unbondingDelay),
                parse.GetValue(guardian)!,
                parse.GetValue(timelockDelay),
                parse.GetValue(output))
            {
                AdminTransferDelay = parse.GetValue(adminTransferDelay),
                FinalizationPeriod = parse.GetValue(finalizationPeriod),
                ProposalBond = parse.GetValue(proposalBond)!,
                DisputeBond = parse.GetValue(disputeBond)!,
                SlashVetoWindow = parse.GetValue(slashVetoWindow),
                ClaimGracePeriod = parse.GetValue(claimGracePeriod),
                DistributionChallengeWindow = parse.GetValue(distributionChallengeWindow),
                DistributionClaimPeriod = parse.GetValue(distributionClaimPeriod),
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.RpcUrl, UriKind.Absolute, out var rpcUrl) || (rpcUrl.Scheme != Uri.UriSchemeHttp && rpcUrl.Scheme != Uri.UriSchemeHttps))
        {
            return Fail(InputError, $"--rpc-url must be an http(s) URL, not '{request.RpcUrl}'.");
        }

        if (request.ChainId <= 0)
        {
            return Fail(InputError, $"--chain-id must be a positive integer, not {request.ChainId}.");
        }

        if (request.TestToken == (request.Token is not null))
        {
            return Fail(InputError, "Give exactly one of --token ADDRESS (the ERC-20 the pools use) and --test-token (deploy a TestToken; local and test chains only).");
        }

        if (request.Token is not null && !IsAddress(request.Token))
        {
            return Fail(InputError, $"--token must be an address (0x followed by 40 hex digits), not '{request.Token}'.");
        }

        if (!IsAddress(request.Guardian) || request.Guardian.Trim('0', 'x', 'X').Length == 0)
        {
            return Fail(InputError, $"--guardian must be a non-zero address (0x followed by 40 hex digits), not '{request.Guardian}'.");
        }

        if (!TryParseBond(request.ProposalBond, out var proposalBond))
        {
            return Fail(InputError, $"--proposal-bond must be a whole number of minor units between 0 and 2^256 - 1, not '{request.ProposalBond}'.");
        }

        if (!TryParseBond(request.DisputeBond, out var disputeBond))
        {
            return Fail(InputError, $"--dispute-bond must be a whole number of minor units between 0 and 2^256 - 1, not '{request.DisputeBond}'.");
        }

        if (request.AdminTransferDelay > MaxUInt48)
        {
            return Fail(InputError, $"--admin-transfer-delay must be at most {MaxUInt48} seconds (a uint48), not {request.AdminTransferDelay}.");
        }

        if (request.FinalizationPeriod == 0)
        {
            return Fail(InputError, "--finalization-period must be positive: with 0 a result expires the moment it could be finalized.");
        }

        if (request.DistributionClaimPeriod == 0)
        {
            return Fail(InputError, "--distribution-claim-period must be positive: with 0 unclaimed revenue could be swept the moment a root activates.");
        }

        if (request.SlashVetoWindow <= request.TimelockDelay)
        {
            return Fail(InputError, $"--slash-veto-window ({request.SlashVetoWindow} s) must be longer than --timelock-delay ({request.TimelockDelay} s), or a governance cancel of a slash could never arrive in time.");
        }

        AppAccounts apps;
        try
        {
            apps = ParseAppAccounts(request.AppAccounts);
        }
        catch (DeploymentException exception)
        {
            return Fail(InputError, exception.Message);
        }

        string key;
        try
        {
            key = OperatorKeyFile.Read(request.KeyFile);
        }
        catch (DeploymentException exception)
        {
            return Fail(InputError, exception.Message);
        }

        // Progress and warnings go to stderr: stdout carries only the record's path.
        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("MLGov.Platform.Chain.Deployment", LogLevel.Information)
                .SetMinimumLevel(LogLevel.Warning);
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var chainOptions = new ChainOptions
        {
            RpcUrl = rpcUrl,
            ChainId = request.ChainId,
            OperatorKey = key,
            MaxRetries = 2,
            RequestTimeout = TimeSpan.FromSeconds(15),
            ReceiptTimeout = TimeSpan.FromMinutes(5),
            ReceiptPollInterval = TimeSpan.FromSeconds(1),
        };
        using var chain = new ChainClient(Options.Create(chainOptions), loggerFactory.CreateLogger<ChainClient>());
        try
        {
            await chain.GetNodeChainIdAsync(cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception) && !cancellationToken.IsCancellationRequested)
        {
            return Fail(DeploymentFailed, $"Cannot reach the chain at {rpcUrl}: {OneLine(exception)}");
        }

        DeploymentRecord record;
        try
        {
            Console.Error.WriteLine($"Deploying the MLGov contracts to chain {request.ChainId} at {rpcUrl} as {chain.OperatorAddress}");
            record = await new GovernanceDeployer(chain, loggerFactory.CreateLogger<GovernanceDeployer>()).DeployAsync(
                new GovernanceDeploymentOptions
                {
                    RpcUrl = rpcUrl,
                    AppAccounts = apps,
                    Token = request.Token,
                    DeployTestToken = request.TestToken,
                    ChallengeWindow = request.ChallengeWindow,
                    UnbondingDelay = request.UnbondingDelay,
                    HandOverAdmin = true,
                    Guardian = request.Guardian,
                    TimelockDelay = request.TimelockDelay,
                    AdminTransferDelay = request.AdminTransferDelay,
                    FinalizationPeriod = request.FinalizationPeriod,
                    ProposalBond = proposalBond,
                    DisputeBond = disputeBond,
                    SlashVetoWindow = request.SlashVetoWindow,
                    ClaimGracePeriod = request.ClaimGracePeriod,
                    DistributionChallengeWindow = request.DistributionChallengeWindow,
                    DistributionClaimPeriod = request.DistributionClaimPeriod,
                },
                cancellationToken);
        }
        catch (DeploymentException exception)
        {
            return Fail(DeploymentFailed, exception.Message);
        }
        catch (ChainRevertException exception)
        {
            return Fail(DeploymentFailed, $"A deployment transaction reverted ({exception.Selector ?? "no revert data"}): {OneLine(exception)}");
        }
        catch (ChainTransactionTimeoutException exception)
        {
            return Fail(DeploymentFailed, OneLine(exception));
        }
        catch (RpcResponseException exception)
        {
            return Fail(DeploymentFailed, $"The node refused a request: {OneLine(exception)}");
        }
        catch (Exception exception) when (IsTransportFailure(exception) && !cancellationToken.IsCancellationRequested)
        {
            return Fail(DeploymentFailed, $"Lost the chain at {rpcUrl} during the deployment: {OneLine(exception)}");
        }

        var path = Path.GetFullPath(request.Output ?? DefaultOutputPath(record));
        try
        {
            await record.WriteAsync(path, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Fail(DeploymentFailed, $"The contracts are deployed but the record could not be written to {path}: {exception.Message}. Contracts: {string.Join(", ", record.Contracts.Select(c => $"{c.Key}={c.Value}"))}");
        }

        foreach (var (name, address) in record.Contracts)
        {
            Console.Error.WriteLine($"  {name,-20} {address}");
        }

        Console.Error.WriteLine("Deployment record:");
        Console.Out.WriteLine(path);
        return 0;
    }

    private static string DefaultOutputPath(DeploymentRecord record)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"chain-{record.ChainId}-{record.DeployedAt:yyyyMMdd'T'HHmmss'Z'}.json");
        try
        {
            return Path.Combine(RepoPaths.StateDirectory, "deployments", name);
        }
        catch (InvalidOperationException)
        {
            return Path.Combine(Environment.CurrentDirectory, "mlgov-deployment-" + name);
        }
    }

    /// <summary>A bond: decimal digits only (no sign, no exponent, no separators), at most 2^256 - 1.</summary>
    private static bool TryParseBond(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 78 || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = BigInteger.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture);
        return value <= MaxUInt256;
    }

    private static bool IsAddress(string text)
    {
        try
        {
            AbiWords.ParseAddress(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or RpcClientUnknownException or RpcClientTimeoutException
            or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException;

    private static string OneLine(Exception exception) =>
        string.Join(" ", (exception.InnerException is { } inner && exception is RpcClientUnknownException ? inner.Message : exception.Message)
            .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"mlgov contracts deploy: {message}");
        return code;
    }

    /// <summary>Reads --app-account APP=ADDRESS values: every app exactly once, each an address.</summary>
    private static AppAccounts ParseAppAccounts(IReadOnlyList<string> values)
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new DeploymentException($"--app-account takes APP=ADDRESS, not '{value}'.");
            }

            if (!accounts.TryAdd(parts[0].Trim().ToLowerInvariant(), parts[1].Trim()))
            {
                throw new DeploymentException($"--app-account names the {parts[0]} app twice.");
            }
        }

        var apps = AppAccounts.From(accounts);
        apps.Validate();
        return apps;
    }

    private sealed record Request(string RpcUrl, long ChainId, string KeyFile, IReadOnlyList<string> AppAccounts, string? Token, bool TestToken, ulong ChallengeWindow, ulong UnbondingDelay, string Guardian, ulong TimelockDelay, string? Output)
    {
        public ulong AdminTransferDelay { get; init; }

        public ulong FinalizationPeriod { get; init; }

        public required string ProposalBond { get; init; }

        public required string DisputeBond { get; init; }

        public ulong SlashVetoWindow { get; init; }

        public ulong ClaimGracePeriod { get; init; }

        public ulong DistributionChallengeWindow { get; init; }

        public ulong DistributionClaimPeriod { get; init; }
    }
}
