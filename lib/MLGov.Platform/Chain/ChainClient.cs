using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Contracts.CQS;
using Nethereum.Contracts.MessageEncodingServices;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.Eth.Transactions;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Newtonsoft.Json.Linq;
using Polly;

namespace MLGov.Platform.Chain;

/// <summary>
/// Nethereum-backed <see cref="IChainClient"/>. Transactions are signed locally with an explicitly
/// managed nonce: signing and sending happen under one lock so concurrent sends get consecutive
/// nonces, and a nonce is only consumed once the node has accepted the transaction. Because the
/// transaction hash is known before sending, a send whose outcome is unknown (transport failure)
/// is checked by hash before it is sent again, so nothing is ever sent twice.
/// </summary>
public sealed partial class ChainClient : IChainClient, IDisposable
{
    /// <summary>How many calls one JSON-RPC batch of <see cref="QueryValuesAtBlockAsync{TFunction, TValue}"/> carries.</summary>
    public const int CallsPerBatch = 100;

    /// <summary>How many such batches are in flight at once.</summary>
    public const int ParallelBatches = 4;

    private readonly ChainOptions _options;
    private readonly ILogger<ChainClient> _logger;
    private readonly ResiliencePipeline _rpc;
    private readonly HttpClient _http;
    private readonly Web3 _web3;
    private readonly Account? _account;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private BigInteger? _nextNonce;

    public ChainClient(IOptions<ChainOptions> options, ILogger<ChainClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _rpc = ChainResilience.Create(_options);
        // The per-attempt timeout lives in the pipeline; the HttpClient's own is only a backstop.
        _http = new HttpClient { Timeout = _options.RequestTimeout + TimeSpan.FromSeconds(5) };
        var rpcClient = new RpcClient(_options.RpcUrl!, _http);
        if (!string.IsNullOrWhiteSpace(_options.OperatorKey))
        {
            _account = new Account(_options.OperatorKey, new BigInteger(_options.ChainId));
            _web3 = new Web3(_account, rpcClient);
        }
        else
        {
            _web3 = new Web3(rpcClient);
        }
    }

    public long ChainId => _options.ChainId;

    public string? OperatorAddress => _account?.Address;

    public async Task<long> GetNodeChainIdAsync(CancellationToken cancellationToken)
    {
        var id = await _rpc.ExecuteAsync(async _ => await _web3.Eth.ChainId.SendRequestAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return (long)id.Value;
    }

    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken)
    {
        var number = await _rpc.ExecuteAsync(async _ => await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return (ulong)number.Value;
    }

    public async Task<DateTimeOffset> GetLatestBlockTimeAsync(CancellationToken cancellationToken)
    {
        var block = await _rpc.ExecuteAsync(
            async _ => await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    public async Task<string> GetCodeAsync(string address, CancellationToken cancellationToken) =>
        await _rpc.ExecuteAsync(async _ => await _web3.Eth.GetCode.SendRequestAsync(address).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async Task<string> GetCodeAsync(string address, ulong block, CancellationToken cancellationToken) =>
        await _rpc.ExecuteAsync(async _ => await _web3.Eth.GetCode.SendRequestAsync(address, AtBlock(block)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async Task<BigInteger> GetBalanceAsync(string address, CancellationToken cancellationToken)
    {
        var balance = await _rpc.ExecuteAsync(async _ => await _web3.Eth.GetBalance.SendRequestAsync(address).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return balance.Value;
    }

    public Task<TOutput> QueryAsync<TFunction, TOutput>(string contractAddress, TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var handler = _web3.Eth.GetContractQueryHandler<TFunction>();
        return CallAsync(() => handler.QueryDeserializingToObjectAsync<TOutput>(message, contractAddress), cancellationToken);
    }

    public Task<TValue> QueryValueAsync<TFunction, TValue>(string contractAddress, TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var handler = _web3.Eth.GetContractQueryHandler<TFunction>();
        return CallAsync(() => handler.QueryAsync<TValue>(contractAddress, message), cancellationToken);
    }

    public Task<TOutput> QueryAtBlockAsync<TFunction, TOutput>(string contractAddress, TFunction message, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var handler = _web3.Eth.GetContractQueryHandler<TFunction>();
        return CallAsync(() => handler.QueryDeserializingToObjectAsync<TOutput>(message, contractAddress, AtBlock(block)), cancellationToken);
    }

    public Task<TValue> QueryValueAtBlockAsync<TFunction, TValue>(string contractAddress, TFunction message, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var handler = _web3.Eth.GetContractQueryHandler<TFunction>();
        return CallAsync(() => handler.QueryAsync<TValue>(contractAddress, message, AtBlock(block)), cancellationToken);
    }

    public Task<IReadOnlyList<TValue>> QueryValuesAtBlockAsync<TFunction, TValue>(string contractAddress, IReadOnlyList<TFunction> messages, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var encoding = new FunctionMessageEncodingService<TFunction>();
        return CallBatchedAsync(contractAddress, messages, block, output => encoding.DecodeSimpleTypeOutput<TValue>(output), cancellationToken);
    }

    public Task<IReadOnlyList<TOutput>> QueryAllAtBlockAsync<TFunction, TOutput>(string contractAddress, IReadOnlyList<TFunction> messages, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var encoding = new FunctionMessageEncodingService<TFunction>();
        return CallBatchedAsync(contractAddress, messages, block, output => encoding.DecodeDTOTypeOutput<TOutput>(output), cancellationToken);
    }

    public async Task<IReadOnlyList<EventLog<TEvent>>> GetEventsAsync<TEvent>(string contractAddress, object[]? firstIndexed, ulong fromBlock, ulong toBlock, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var handler = _web3.Eth.GetEvent<TEvent>(contractAddress);
        var filter = firstIndexed is null
            ? handler.CreateFilterInput(AtBlock(fromBlock), AtBlock(toBlock))
            : handler.CreateFilterInput(firstIndexed, AtBlock(fromBlock), AtBlock(toBlock));
        return await _rpc.ExecuteAsync(async _ => await handler.GetAllChangesAsync(filter).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public Task<TransactionReceipt> SendAsync<TFunction>(string contractAddress, TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(message);
        message.FromAddress = RequireOperator();
        return SendTransactionAsync(message.CreateTransactionInput(contractAddress), typeof(TFunction).Name, cancellationToken);
    }

    public Task<TransactionReceipt> DeployAsync<TDeployment>(TDeployment deployment, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new()
    {
        ArgumentNullException.ThrowIfNull(deployment);
        deployment.FromAddress = RequireOperator();
        var input = new Nethereum.Contracts.MessageEncodingServices.DeploymentMessageEncodingService<TDeployment>().CreateTransactionInput(deployment);
        return SendTransactionAsync(input, typeof(TDeployment).Name, cancellationToken);
    }

    public async Task<TransactionReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken) =>
        await _rpc.ExecuteAsync(async _ => await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        _sendLock.Dispose();
        _http.Dispose();
    }

    private async Task<TransactionReceipt> SendTransactionAsync(TransactionInput input, string what, CancellationToken cancellationToken)
    {
        // Estimation runs the call against current state: most reverts surface here, before any nonce is used.
        var estimate = await CallAsync(() => _web3.Eth.Transactions.EstimateGas.SendRequestAsync(input), cancellationToken).ConfigureAwait(false);
        input.Gas = new HexBigInteger(estimate.Value * (100 + _options.GasHeadroomPercent) / 100);
        var fee = await _rpc.ExecuteAsync(async _ => await _web3.FeeSuggestion.GetSimpleFeeSuggestionStrategy().SuggestFeeAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        input.MaxFeePerGas = new HexBigInteger(fee.MaxFeePerGas!.Value);
        input.MaxPriorityFeePerGas = new HexBigInteger(fee.MaxPriorityFeePerGas!.Value);
        input.Type = new HexBigInteger(2);
        input.ChainId = new HexBigInteger(_options.ChainId);

        var hash = await SignAndSendAsync(input, cancellationToken).ConfigureAwait(false);
        LogSent(_logger, what, hash, input.Nonce.Value);
        var receipt = await WaitForReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value == BigInteger.One)
        {
            return receipt;
        }

        throw await ExplainFailureAsync(input, receipt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SignAndSendAsync(TransactionInput input, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var resync = 0; ; resync++)
            {
                _nextNonce ??= await FetchPendingNonceAsync(cancellationToken).ConfigureAwait(false);
                input.Nonce = new HexBigInteger(_nextNonce.Value);
                var signed = await _account!.TransactionManager.SignTransactionAsync(input).ConfigureAwait(false);
                var hash = "0x" + Sha3Keccack.Current.CalculateHashFromHex(signed);
                try
                {
                    await SendRawOnceAsync(signed, hash, cancellationToken).ConfigureAwait(false);
                    _nextNonce++;
                    return hash;
                }
                catch (RpcResponseException exception) when (resync == 0 && IsNonceError(exception))
                {
                    // Someone else used this account, or the node restarted: take the node's view and re-sign once.
                    LogNonceResync(_logger, _nextNonce.Value, exception.Message);
                    _nextNonce = null;
                }
                catch (RpcResponseException exception)
                {
                    throw RevertFrom(exception, null) ?? (Exception)exception;
                }
            }
        }
        catch (Exception exception) when (exception is not RpcResponseException and not ChainRevertException and not OperationCanceledException)
        {
            // The outcome of the last send is unknown to us; forget the cached nonce so the next send asks the node.
            _nextNonce = null;
            throw;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends a signed transaction. Transport failures are retried, but every retry first asks the
    /// node whether it already has the transaction: a send that timed out may well have arrived.
    /// </summary>
    private async Task SendRawOnceAsync(string signed, string hash, CancellationToken cancellationToken)
    {
        var attempt = 0;
        await _rpc.ExecuteAsync(
            async _ =>
            {
                if (attempt++ > 0 && await IsKnownAsync(hash).ConfigureAwait(false))
                {
                    return;
                }

                try
                {
                    await _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(signed).ConfigureAwait(false);
                }
                catch (RpcResponseException exception) when (exception.Message.Contains("already known", StringComparison.OrdinalIgnoreCase))
                {
                    // The node has exactly these bytes already: the send succeeded earlier.
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> IsKnownAsync(string hash)
    {
        var transaction = await _web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(hash).ConfigureAwait(false);
        return transaction is not null;
    }

    private async Task<BigInteger> FetchPendingNonceAsync(CancellationToken cancellationToken)
    {
        var count = await _rpc.ExecuteAsync(
            async _ => await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(_account!.Address, BlockParameter.CreatePending()).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return count.Value;
    }

    private async Task<TransactionReceipt> WaitForReceiptAsync(string hash, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + _options.ReceiptTimeout;
        while (true)
        {
            var receipt = await GetReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                return receipt;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new ChainTransactionTimeoutException(hash, _options.ReceiptTimeout);
            }

            await Task.Delay(_options.ReceiptPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replays a mined, failed transaction as a call on the state before its block to learn why.</summary>
    private async Task<ChainRevertException> ExplainFailureAsync(TransactionInput input, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var before = new BlockParameter(new HexBigInteger(BigInteger.Max(BigInteger.Zero, receipt.BlockNumber.Value - 1)));
        var call = new CallInput(input.Data, input.To, input.Value) { From = input.From, Gas = input.Gas };
        try
        {
            await _rpc.ExecuteAsync(async _ => await _web3.Eth.Transactions.Call.SendRequestAsync(call, before).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException exception)
        {
            if (RevertFrom(exception, receipt.TransactionHash) is { } revert)
            {
                return revert;
            }
        }

        return new ChainRevertException($"Transaction {receipt.TransactionHash} reverted on chain (the replay did not say why).", null, receipt.TransactionHash);
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _rpc.ExecuteAsync(async _ => await call().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException exception) when (RevertFrom(exception, null) is { } revert)
        {
            throw revert;
        }
        catch (SmartContractCustomErrorRevertException exception)
        {
            throw new ChainRevertException("The call reverted with a custom error.", exception.ExceptionEncodedData, null, exception);
        }
        catch (SmartContractRevertException exception)
        {
            throw new ChainRevertException("The call reverted: " + exception.RevertMessage, exception.EncodedData, null, exception);
        }
    }

    /// <summary>Builds a typed revert from a node's error answer, or null when the error is not a revert.</summary>
    private static ChainRevertException? RevertFrom(RpcResponseException exception, string? transactionHash)
    {
        var error = exception.RpcError;
        var data = ChainClientErrors.RevertDataOf(error?.Data);
        var isRevert = data is not null || (error?.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) ?? false);
        return isRevert
            ? new ChainRevertException(error?.Message ?? "execution reverted", data, transactionHash, exception)
            : null;
    }

    private static bool IsNonceError(RpcResponseException exception) =>
        exception.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("nonce too high", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("invalid nonce", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>eth_call</c>s at one block, <see cref="CallsPerBatch"/> to a JSON-RPC batch and at most
    /// <see cref="ParallelBatches"/> batches in flight. A batch is a read, so the pipeline may resend it whole.
    /// </summary>
    private async Task<IReadOnlyList<T>> CallBatchedAsync<TFunction, T>(string contractAddress, IReadOnlyList<TFunction> messages, ulong block, Func<string, T> decode, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new T[messages.Count];
        var call = (EthCall)_web3.Eth.Transactions.Call;
        var at = AtBlock(block);
        var chunks = Enumerable.Range(0, messages.Count).Chunk(CallsPerBatch).ToArray();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                RpcRequestResponseBatch batch;
                try
                {
                    batch = await _rpc.ExecuteAsync(
                        async _ =>
                        {
                            var request = new RpcRequestResponseBatch();
                            foreach (var index in chunk)
                            {
                                var input = messages[index].CreateCallInput(contractAddress);
                                request.BatchItems.Add(new RpcRequestResponseBatchItem<EthCall, string>(call, call.BuildRequest(input, at, index)));
                            }

                            return await _web3.Client.SendBatchRequestAsync(request).ConfigureAwait(false);
                        },
                        ct).ConfigureAwait(false);
                }
                catch (RpcResponseBatchException exception) when (exception.RpcErrors.FirstOrDefault() is { } first
                    && (ChainClientErrors.RevertDataOf(first.Data) is not null || (first.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) ?? false)))
                {
                    // The client refuses a whole batch when any call failed; other node errors propagate as they are.
                    var error = exception.RpcErrors[0];
                    throw new ChainRevertException(error.Message ?? "A call of the batch reverted.", ChainClientErrors.RevertDataOf(error.Data), null, exception);
                }

                for (var i = 0; i < chunk.Length; i++)
                {
                    var item = (RpcRequestResponseBatchItem<EthCall, string>)batch.BatchItems[i];
                    if (item.HasError)
                    {
                        throw new ChainRevertException(item.RpcError?.Message ?? "A call of the batch failed.", ChainClientErrors.RevertDataOf(item.RpcError?.Data));
                    }

                    results[chunk[i]] = decode(item.Response);
                }
            }).ConfigureAwait(false);
        return results;
    }

    private static BlockParameter AtBlock(ulong block) => new(new HexBigInteger(new BigInteger(block)));

    private string RequireOperator() =>
        _account?.Address ?? throw new InvalidOperationException("Chain:OperatorKey is not configured; this client can only read.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {What} as {TransactionHash} with nonce {Nonce}")]
    private static partial void LogSent(ILogger logger, string what, string transactionHash, BigInteger nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nonce {Nonce} was refused ({Reason}); resynchronising with the node")]
    private static partial void LogNonceResync(ILogger logger, BigInteger nonce, string reason);
}
