using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Core.Encoding;
using MLGov.DevStack;
using MLGov.LocalHost;
using MLGov.Platform.Chain;
using MLGov.Operations.Deployment;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using Nethereum.Signer;

namespace MLGov.LocalStack;

/// <summary>
/// The whole local stack: Azurite, anvil, the Service Bus emulator and the local OIDC issuer on free
/// ports, the contracts deployed, and the five apps in one local host. Used by mlgov up and by the end-to-end tests.
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    private LocalEnvironment(LocalDependencies dependencies, LocalFunctionsHost host, DeploymentRecord deployment, FunctionKeys keys)
    {
        Dependencies = dependencies;
        Host = host;
        Deployment = deployment;
        Keys = keys;
    }

    public LocalDependencies Dependencies { get; }

    public LocalFunctionsHost Host { get; }

    public DeploymentRecord Deployment { get; }

    /// <summary>The private key of the guardian generated for this run (its address is the record's Guardian), funded for gas.</summary>
    public string GuardianKey { get; private init; } = string.Empty;

    /// <summary>The DID of the identity app's credential issuer in this run (the did:key of its generated key).</summary>
    public string IssuerDid { get; private init; } = string.Empty;

    /// <summary>The master and host keys generated for this run.</summary>
    public FunctionKeys Keys { get; }

    public static Task<LocalEnvironment> StartAsync(int port, ILoggerFactory? loggerFactory, IProgress<string>? progress, CancellationToken cancellationToken) =>
        StartAsync(port, loggerFactory, progress, spanFile: null, cancellationToken);

    /// <summary>Starts the stack; with <paramref name="spanFile"/>, the apps append their spans to it as JSON lines (Telemetry:SpanFile).</summary>
    public static Task<LocalEnvironment> StartAsync(int port, ILoggerFactory? loggerFactory, IProgress<string>? progress, string? spanFile, CancellationToken cancellationToken) =>
        StartAsync(port, loggerFactory, progress, spanFile, apps: null, settings: null, cancellationToken);

    /// <summary>
    /// Starts the stack with other app definitions (tests: an app with a changed registration) and more settings (tests: shorter
    /// waits), applied after the stack's own.
    /// </summary>
    public static async Task<LocalEnvironment> StartAsync(
        int port,
        ILoggerFactory? loggerFactory,
        IProgress<string>? progress,
        string? spanFile,
        IReadOnlyList<FunctionAppDefinition>? apps,
        IReadOnlyDictionary<string, string?>? settings,
        CancellationToken cancellationToken)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        progress?.Report("Starting Azurite, anvil, the Service Bus emulator and the local OIDC issuer");
        var dependencies = await LocalDependencies.StartAsync(loggerFactory: loggerFactory, cancellationToken: cancellationToken);
        try
        {
            progress?.Report("Deploying contracts");
            var chainOptions = new ChainOptions
            {
                RpcUrl = dependencies.Anvil.RpcUrl,
                ChainId = dependencies.Anvil.ChainId,
                OperatorKey = AnvilServer.OperatorKey,
            };
            var appKeys = AppAccounts.Apps.ToDictionary(app => app, _ => EthECKey.GenerateKey(), StringComparer.Ordinal);
            var guardianKey = EthECKey.GenerateKey(); // pauses the money contracts, cancels queued timelock calls
            DeploymentRecord deployment;
            using (var chain = new ChainClient(Options.Create(chainOptions), loggerFactory.CreateLogger<ChainClient>()))
            {
                await FundAsync(dependencies.Anvil.RpcUrl, appKeys.Values.Append(guardianKey).Select(k => k.GetPublicAddress()), cancellationToken);
                var accounts = AppAccounts.From(appKeys.ToDictionary(k => k.Key, k => k.Value.GetPublicAddress()));
                deployment = await ContractDeployer.DeployAsync(chain, chainOptions.RpcUrl, accounts, guardianKey.GetPublicAddress(), loggerFactory, cancellationToken);

                // The voting app posts results with the proposer bond: give its account bond tokens (it approves the finalizer itself).
                await chain.SendAsync(deployment.Contracts[ContractNames.TestToken], new MLGov.Contracts.TestToken.MintFunction { To = accounts.Voting, Amount = ContractDeployer.LocalVotingBondFunds }, cancellationToken);
            }

            // The identity app's credential issuer: a fresh Ed25519 key per run (its did:key is the issuer DID), trusted by
            // the apps' presentation checks; status lists are fetched from the local host over plain HTTP on loopback.
            var issuerKey = SigningKey.Generate(KeyType.Ed25519);
            var identity = new Dictionary<string, string?>
            {
                ["Identity:IssuerKey"] = PrivateJwk.Write(issuerKey),
                ["Identity:Resolver:AllowLoopbackHttp"] = "true",
                ["Identity:Presentations:TrustedIssuers:0"] = DidKey.From(issuerKey.PublicKey),
                // anvil mines a block per transaction and no other: one confirmation, or chain writes would wait for traffic.
                ["Chain:Intents:Confirmations"] = "1",
            };
            var keys = new FunctionKeys { Master = NewKey() };
            keys.Host["default"] = NewKey();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(dependencies.Configuration)
                .AddInMemoryCollection(deployment.ToConfiguration())
                .AddInMemoryCollection(identity)
                .AddInMemoryCollection(appKeys.Select(k => new KeyValuePair<string, string?>($"{LocalAppSettings.PerAppPrefix}:{k.Key}:Chain:OperatorKey", k.Value.GetPrivateKey())))
                .AddInMemoryCollection(spanFile is null ? [] : [new KeyValuePair<string, string?>("Telemetry:SpanFile", spanFile)])
                .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
                .Build();

            progress?.Report("Starting the five function apps");
            var host = await LocalFunctionsHost.StartAsync(
                apps ?? FunctionApps.All, configuration, new LocalHostOptions { Port = port, Keys = keys }, loggerFactory, cancellationToken);
            return new LocalEnvironment(dependencies, host, deployment, keys) { GuardianKey = guardianKey.GetPrivateKey(), IssuerDid = DidKey.From(issuerKey.PublicKey) };
        }
        catch
        {
            await dependencies.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Dependencies.DisposeAsync();
    }

    /// <summary>Gives each app account 1,000 ETH on anvil for gas.</summary>
    private static async Task FundAsync(Uri rpc, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        foreach (var address in addresses)
        {
            var request = System.Text.Json.JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "anvil_setBalance", @params = new object[] { address, "0x3635C9ADC5DEA00000" } });
            using var response = await http.PostAsync(rpc, new StringContent(request, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    private static string NewKey() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
}
