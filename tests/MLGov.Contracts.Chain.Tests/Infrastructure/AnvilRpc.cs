using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>anvil's test methods over JSON-RPC: balances, the clock, mining.</summary>
public sealed class AnvilRpc : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _url;
    private int _id;

    public AnvilRpc(Uri url) => _url = url;

    public void Dispose() => _http.Dispose();

    public Task SetBalanceAsync(string address, BigInteger wei) =>
        CallAsync("anvil_setBalance", address, "0x" + wei.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    /// <summary>
    /// Mines a block <paramref name="seconds"/> after the latest one, so the next transaction sees at
    /// least that time. Relative to the latest block, not to the wall clock: blocks mined with a
    /// timestamp interval may have run ahead of it.
    /// </summary>
    public async Task AdvanceTimeAsync(ulong seconds)
    {
        var latest = await LatestTimestampAsync();
        await CallAsync("evm_setNextBlockTimestamp", latest + seconds);
        await CallAsync("evm_mine");
    }

    /// <summary>The timestamp of the next block (later blocks follow it as before).</summary>
    public Task SetNextBlockTimestampAsync(ulong timestamp) => CallAsync("evm_setNextBlockTimestamp", timestamp);

    /// <summary>Every new block one interval after the previous one, instead of at the wall clock (null: back to the wall clock).</summary>
    public Task SetBlockTimestampIntervalAsync(ulong? seconds) =>
        seconds is { } interval ? CallAsync("anvil_setBlockTimestampInterval", interval) : CallAsync("anvil_removeBlockTimestampInterval");

    /// <summary>The timestamp of the latest block: "now" as the contracts see it (not the wall clock, once tests have moved it).</summary>
    public async Task<ulong> LatestTimestampAsync()
    {
        var block = await CallAsync("eth_getBlockByNumber", "latest", false);
        return Convert.ToUInt64(block.GetProperty("timestamp").GetString(), 16);
    }

    /// <summary>eth_getLogs of one contract and one event topic from <paramref name="fromBlock"/> to the latest block, in chain order.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetLogsAsync(string address, string topic0, ulong fromBlock)
    {
        var logs = await CallAsync("eth_getLogs", new { address, fromBlock = "0x" + fromBlock.ToString("x", CultureInfo.InvariantCulture), toBlock = "latest", topics = new[] { topic0 } });
        return [.. logs.EnumerateArray()];
    }

    private async Task<JsonElement> CallAsync(string method, params object[] parameters)
    {
        using var response = await _http.PostAsJsonAsync(_url, new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = parameters });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (body.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return body.RootElement.GetProperty("result").Clone();
    }
}
