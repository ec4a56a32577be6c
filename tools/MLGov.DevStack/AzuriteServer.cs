namespace MLGov.DevStack;

/// <summary>Azurite's Table service (npm azurite) on a loopback port: in memory, or in a folder that outlives a restart.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (documented by Azurite; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ManagedProcess _process;

    private AzuriteServer(ManagedProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";

    public static Task<AzuriteServer> StartAsync(int port, CancellationToken cancellationToken) => StartAsync(port, null, cancellationToken);

    /// <param name="port">0 for a free port.</param>
    /// <param name="location">A folder to keep the data in, so a server started again on it finds it; null keeps it in memory.</param>
    /// <param name="cancellationToken">Stops waiting for the server to listen.</param>
    public static async Task<AzuriteServer> StartAsync(int port, string? location, CancellationToken cancellationToken)
    {
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        var main = RepoPaths.NodeModule("azurite/dist/src/table/main.js");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var (process, chosen) = await DependencyServer.StartAsync(
            "Azurite",
            p => ManagedProcess.Start("azurite", "node", [main, "--tableHost", "127.0.0.1", "--tablePort", p.ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. persistence, "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent", "--loose"]),
            async (p, ct) =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{p}/{AccountName}/Tables"), ct).ConfigureAwait(false);
                    return true; // any HTTP answer (403 without a signature) means it is listening
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    return false;
                }
            },
            port,
            cancellationToken).ConfigureAwait(false);
        return new AzuriteServer(process, chosen);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
