using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace MLGov.Testing;

/// <summary>anvil's own JSON-RPC methods (balances, mining modes, the mempool, snapshots), for tests that need the chain in a given state.</summary>
public sealed class AnvilControl : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _rpc;
    private int _id;

    public AnvilControl(Uri rpc)
    {
        _rpc = rpc;
    }

    public Task SetBalanceAsync(string address, BigInteger wei) => CallAsync("anvil_setBalance", address, "0x" + wei.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    /// <summary>Automine on (a block per transaction, anvil's default) or off.</summary>
    public Task SetAutomineAsync(bool on) => CallAsync("evm_setAutomine", on);

    /// <summary>A block every <paramref name="seconds"/> (0: none).</summary>
    public Task SetIntervalMiningAsync(int seconds) => CallAsync("evm_setIntervalMining", seconds);

    /// <summary>Moves the chain's clock forward (applies from the next block).</summary>
    public Task IncreaseTimeAsync(long seconds) => CallAsync("evm_increaseTime", seconds);

    public Task MineAsync(int blocks = 1) => CallAsync("anvil_mine", "0x" + blocks.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>Removes a transaction from the node's pool, as a node that evicted it would.</summary>
    public Task DropTransactionAsync(string hash) => CallAsync("anvil_dropTransaction", hash);

    public async Task<string> SnapshotAsync() => (await CallAsync("evm_snapshot")).GetString()!;

    public Task RevertAsync(string snapshot) => CallAsync("evm_revert", snapshot);

    public async Task<long> BlockNumberAsync() => Convert.ToInt64((await CallAsync("eth_blockNumber")).GetString(), 16);

    public async Task<long> NonceAsync(string address, string block = "latest") =>
        Convert.ToInt64((await CallAsync("eth_getTransactionCount", address, block)).GetString(), 16);

    /// <summary>The transactions in the node's pool (anvil's txpool_content), by sender.</summary>
    public async Task<int> PoolSizeAsync()
    {
        var content = await CallAsync("txpool_status");
        return Convert.ToInt32(content.GetProperty("pending").GetString(), 16) + Convert.ToInt32(content.GetProperty("queued").GetString(), 16);
    }

    /// <summary>The hashes of the transactions a block holds.</summary>
    public async Task<IReadOnlyList<JsonElement>> BlockTransactionsAsync(long number)
    {
        var block = await CallAsync("eth_getBlockByNumber", "0x" + number.ToString("x", CultureInfo.InvariantCulture), true);
        return block.GetProperty("transactions").EnumerateArray().ToList();
    }

    /// <summary>Every transaction <paramref name="from"/> sent that is mined in blocks first..last.</summary>
    public async Task<IReadOnlyList<JsonElement>> MinedFromAsync(string from, long first, long last)
    {
        var found = new List<JsonElement>();
        for (var n = first; n <= last; n++)
        {
            found.AddRange((await BlockTransactionsAsync(n)).Where(t => string.Equals(t.GetProperty("from").GetString(), from, StringComparison.OrdinalIgnoreCase)));
        }

        return found;
    }

    public async Task<JsonElement> CallAsync(string method, params object[] parameters)
    {
        var request = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = parameters });
        using var response = await _http.PostAsync(_rpc, new StringContent(request, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return document.RootElement.GetProperty("result").Clone();
    }

    public void Dispose() => _http.Dispose();
}
