using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Polly;
using Polly.Timeout;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// The JSON-RPC calls the transaction sender makes, one attempt each under a timeout. A node's own
/// answer (a JSON-RPC error) surfaces as <see cref="RpcResponseException"/>; anything else (transport
/// errors, HTTP 429 and 5xx, timeouts) means the outcome is unknown and is classified transient by
/// <see cref="IsTransient"/>. Retrying is the sender's business, with backoff, across rounds.
/// </summary>
public sealed class ChainRpc : IDisposable
{
    private readonly HttpClient _http;
    private readonly Web3 _web3;
    private readonly RpcClient _client;
    private readonly ResiliencePipeline _timeout;

    public ChainRpc(Uri rpcUrl, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        _http = new HttpClient { Timeout = requestTimeout + TimeSpan.FromSeconds(5) };
        _client = new RpcClient(rpcUrl, _http);
        _web3 = new Web3(_client);
        _timeout = new ResiliencePipelineBuilder().AddTimeout(requestTimeout).Build();
    }

    /// <summary>Whether a failure leaves the outcome unknown and is worth trying again later.</summary>
    public static bool IsTransient(Exception exception) => exception is not RpcResponseException and not OperationCanceledException
        || exception is TimeoutRejectedException;

    public Task<ulong> BlockNumberAsync(CancellationToken cancellationToken) =>
        RunAsync(async () => (ulong)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false)).Value, cancellationToken);

    /// <summary>The latest block's number, hash and base fee (null on chains without EIP-1559).</summary>
    public Task<(ulong Number, string Hash, BigInteger? BaseFee)> LatestBlockAsync(CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()).ConfigureAwait(false);
                return ((ulong)block.Number.Value, block.BlockHash, block.BaseFeePerGas?.Value);
            },
            cancellationToken);

    /// <summary>The hash of the canonical block at a height, or null when the chain is not that long (any more).</summary>
    public Task<string?> BlockHashAsync(ulong number, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(number)).ConfigureAwait(false);
                return block?.BlockHash;
            },
            cancellationToken);

    /// <summary>The account's transaction count: at <c>latest</c>, the next nonce not yet mined; at <c>pending</c>, including the node's pool.</summary>
    public Task<long> TransactionCountAsync(string address, bool pending, CancellationToken cancellationToken) =>
        RunAsync(
            async () => (long)(await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, pending ? BlockParameter.CreatePending() : BlockParameter.CreateLatest()).ConfigureAwait(false)).Value,
            cancellationToken);

    public Task<BigInteger> EstimateGasAsync(CallInput call, CancellationToken cancellationToken) =>
        RunAsync(async () => (await _web3.Eth.Transactions.EstimateGas.SendRequestAsync(call).ConfigureAwait(false)).Value, cancellationToken);

    public Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken) =>
        RunAsync(async () => (await _web3.Eth.GasPrice.SendRequestAsync().ConfigureAwait(false)).Value, cancellationToken);

    /// <summary>The node's suggested tip (<c>eth_maxPriorityFeePerGas</c>), or null when it does not offer one.</summary>
    public async Task<BigInteger?> SuggestedPriorityFeeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(async () => (await _client.SendRequestAsync<HexBigInteger>("eth_maxPriorityFeePerGas").ConfigureAwait(false)).Value, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException)
        {
            return null;
        }
    }

    public Task SendRawAsync(string raw, CancellationToken cancellationToken) =>
        RunAsync(async () => await _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw).ConfigureAwait(false), cancellationToken);

    /// <summary>Whether the node knows the transaction (in its pool or mined).</summary>
    public Task<bool> IsKnownAsync(string hash, CancellationToken cancellationToken) =>
        RunAsync(async () => await _web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(hash).ConfigureAwait(false) is not null, cancellationToken);

    public Task<TransactionReceipt?> ReceiptAsync(string hash, CancellationToken cancellationToken) =>
        RunAsync(async () => (TransactionReceipt?)await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash).ConfigureAwait(false), cancellationToken);

    /// <summary>Runs a call on the state at a block; a revert surfaces as <see cref="RpcResponseException"/>.</summary>
    public Task CallAsync(CallInput call, BlockParameter block, CancellationToken cancellationToken) =>
        RunAsync(async () => await _web3.Eth.Transactions.Call.SendRequestAsync(call, block).ConfigureAwait(false), cancellationToken);

    public Task<long> ChainIdAsync(CancellationToken cancellationToken) =>
        RunAsync(async () => (long)(await _web3.Eth.ChainId.SendRequestAsync().ConfigureAwait(false)).Value, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        await _timeout.ExecuteAsync(async _ => await call().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task RunAsync(Func<Task> call, CancellationToken cancellationToken) =>
        await _timeout.ExecuteAsync(async _ => await call().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
