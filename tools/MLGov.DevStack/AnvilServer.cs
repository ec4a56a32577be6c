using System.Net.Http.Json;
using System.Text.Json;

namespace MLGov.DevStack;

/// <summary>anvil (npm @foundry-rs/anvil), a local EVM chain mining on every transaction.</summary>
public sealed class AnvilServer : IAsyncDisposable
{
    public const long DefaultChainId = 31337;

    /// <summary>
    /// Private keys of anvil's first default accounts (derived from its documented test mnemonic
    /// "test test ... junk"; public knowledge, for local chains only).
    /// </summary>
    public static IReadOnlyList<string> DevKeys { get; } =
    [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    ];

    private readonly ManagedProcess _process;

    private AnvilServer(ManagedProcess process, int port, long chainId)
    {
        _process = process;
        Port = port;
        ChainId = chainId;
    }

    public int Port { get; }

    public long ChainId { get; }

    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>The key of anvil's first account, used as the operator of local stacks.</summary>
    public static string OperatorKey => DevKeys[0];

    public static async Task<AnvilServer> StartAsync(int port, long chainId, CancellationToken cancellationToken)
    {
        var binary = RepoPaths.NodeModule("@foundry-rs/anvil-linux-amd64/bin/anvil");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var (process, chosen) = await DependencyServer.StartAsync(
            "anvil",
            p => ManagedProcess.Start("anvil", binary, ["--host", "127.0.0.1", "--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--chain-id", chainId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"]),
            async (p, ct) => await ChainIdAsync(http, new Uri($"http://127.0.0.1:{p}"), ct).ConfigureAwait(false) == chainId,
            port,
            cancellationToken).ConfigureAwait(false);
        return new AnvilServer(process, chosen, chainId);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<long?> ChainIdAsync(HttpClient http, Uri rpc, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(rpc, new { jsonrpc = "2.0", id = 1, method = "eth_chainId", @params = Array.Empty<object>() }, cancellationToken).ConfigureAwait(false);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var hex = body.RootElement.GetProperty("result").GetString()!;
            return Convert.ToInt64(hex, 16);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
