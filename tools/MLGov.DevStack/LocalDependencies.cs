namespace MLGov.DevStack;

/// <summary>
/// The dependencies of the five apps, started together: Azurite (Tables) and anvil (chain).
/// <see cref="Configuration"/> holds the settings the apps read to reach them.
/// </summary>
public sealed class LocalDependencies : IAsyncDisposable
{
    private LocalDependencies(AzuriteServer azurite, AnvilServer anvil)
    {
        Azurite = azurite;
        Anvil = anvil;
    }

    public AzuriteServer Azurite { get; }

    public AnvilServer Anvil { get; }

    /// <summary>Configuration keys (":"-separated) for Tables and the chain.</summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Tables:ConnectionString"] = Azurite.ConnectionString,
        ["Chain:RpcUrl"] = Anvil.RpcUrl.ToString(),
        ["Chain:ChainId"] = Anvil.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chain:OperatorKey"] = AnvilServer.OperatorKey,
    };

    /// <summary>Starts both on free ports (or the given ones), in parallel.</summary>
    public static async Task<LocalDependencies> StartAsync(int azuritePort = 0, int anvilPort = 0, CancellationToken cancellationToken = default)
    {
        var azurite = AzuriteServer.StartAsync(azuritePort, cancellationToken);
        var anvil = AnvilServer.StartAsync(anvilPort, AnvilServer.DefaultChainId, cancellationToken);
        try
        {
            await Task.WhenAll(azurite, anvil).ConfigureAwait(false);
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

            throw;
        }

        return new LocalDependencies(azurite.Result, anvil.Result);
    }

    public async ValueTask DisposeAsync()
    {
        await Azurite.DisposeAsync().ConfigureAwait(false);
        await Anvil.DisposeAsync().ConfigureAwait(false);
    }
}
