using Microsoft.Extensions.Logging;
using MLGov.OidcIssuer;
using MLGov.ServiceBusEmulator;

namespace MLGov.DevStack;

/// <summary>
/// The dependencies of the five apps, started together: Azurite (Tables), anvil (chain), the
/// Service Bus emulator (in this process, with the repository's topology) and the local OIDC
/// issuer that stands in for Entra ID (in this process).
/// <see cref="Configuration"/> holds the settings the apps read to reach them.
/// </summary>
public sealed class LocalDependencies : IAsyncDisposable
{
    private LocalDependencies(AzuriteServer azurite, AnvilServer anvil, EmulatorServer serviceBus, LocalOidcIssuer oidcIssuer)
    {
        Azurite = azurite;
        Anvil = anvil;
        ServiceBus = serviceBus;
        OidcIssuer = oidcIssuer;
    }

    public AzuriteServer Azurite { get; }

    public AnvilServer Anvil { get; }

    /// <summary>The Service Bus emulator; <see cref="EmulatorServer.ConnectionString"/> reaches it with the unmodified SDK.</summary>
    public EmulatorServer ServiceBus { get; }

    /// <summary>The local Entra-shaped OIDC issuer; the apps' <c>AzureAd</c> settings point at it.</summary>
    public LocalOidcIssuer OidcIssuer { get; }

    /// <summary>The topology the emulator serves (the one the Bicep deploys).</summary>
    public static string TopologyPath => Path.Combine(RepoPaths.Root, "infra", "servicebus", "topology.json");

    /// <summary>
    /// Configuration keys (":"-separated) for Tables, Service Bus, the chain and enterprise login
    /// (the <c>AzureAd</c> section Microsoft.Identity.Web reads, pointed at the local issuer).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Tables:ConnectionString"] = Azurite.ConnectionString,
        ["ServiceBus:ConnectionString"] = ServiceBus.ConnectionString,
        ["Chain:RpcUrl"] = Anvil.RpcUrl.ToString(),
        ["Chain:ChainId"] = Anvil.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chain:OperatorKey"] = AnvilServer.OperatorKey,
        ["AzureAd:Instance"] = OidcIssuer.Instance.AbsoluteUri,
        ["AzureAd:TenantId"] = LocalOidcIssuer.DefaultTenantId,
        ["AzureAd:ClientId"] = LocalOidcIssuer.DefaultClientId,
    };

    /// <summary>Starts all four on free ports (or the given ones), in parallel.</summary>
    public static async Task<LocalDependencies> StartAsync(
        int azuritePort = 0,
        int anvilPort = 0,
        int serviceBusPort = 0,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        var azurite = AzuriteServer.StartAsync(azuritePort, cancellationToken);
        var anvil = AnvilServer.StartAsync(anvilPort, AnvilServer.DefaultChainId, cancellationToken);
        var serviceBus = EmulatorServer.StartAsync(
            new EmulatorOptions { Port = serviceBusPort, Host = "127.0.0.1", TopologyPath = TopologyPath, LoggerFactory = loggerFactory },
            cancellationToken);
        var oidcIssuer = LocalOidcIssuer.StartAsync(cancellationToken: cancellationToken);
        try
        {
            await Task.WhenAll(azurite, anvil, serviceBus, oidcIssuer).ConfigureAwait(false);
        }
        catch
        {
            if (azurite.IsCompletedSuccessfully)
            {
                await azurite.Result.DisposeAsync().ConfigureAwait(false);
            }

            if (anvil.IsCompletedSuccessfully)
            {
                await anvil.Result.DisposeAsync().ConfigureAwait(false);
            }

            if (serviceBus.IsCompletedSuccessfully)
            {
                await serviceBus.Result.DisposeAsync().ConfigureAwait(false);
            }

            if (oidcIssuer.IsCompletedSuccessfully)
            {
                await oidcIssuer.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new LocalDependencies(azurite.Result, anvil.Result, serviceBus.Result, oidcIssuer.Result);
    }

    public async ValueTask DisposeAsync()
    {
        await OidcIssuer.DisposeAsync().ConfigureAwait(false);
        await ServiceBus.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
        await Anvil.DisposeAsync().ConfigureAwait(false);
    }
}
