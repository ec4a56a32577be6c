using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace MLGov.Platform.Chain;

/// <summary>
/// The one door to the chain: typed calls and transactions signed by the operator account.
/// Contract services wrap it; domain code sees those services, not this.
/// </summary>
public interface IChainClient
{
    /// <summary>The chain id the client signs for (from configuration).</summary>
    long ChainId { get; }

    /// <summary>The operator's address, or null when no operator key is configured (read-only client).</summary>
    string? OperatorAddress { get; }

    Task<long> GetNodeChainIdAsync(CancellationToken cancellationToken);

    Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken);

    /// <summary>The timestamp of the latest block: the chain's own clock, which contracts compare their deadlines with.</summary>
    Task<DateTimeOffset> GetLatestBlockTimeAsync(CancellationToken cancellationToken);

    /// <summary>The deployed bytecode at <paramref name="address"/> ("0x" when it is not a contract).</summary>
    Task<string> GetCodeAsync(string address, CancellationToken cancellationToken);

    /// <summary>The bytecode at <paramref name="address"/> as of block <paramref name="block"/> ("0x" when there was no contract then).</summary>
    Task<string> GetCodeAsync(string address, ulong block, CancellationToken cancellationToken);

    /// <summary>The native-currency balance of <paramref name="address"/> in wei.</summary>
    Task<BigInteger> GetBalanceAsync(string address, CancellationToken cancellationToken);

    /// <summary>Calls a view function and decodes its outputs.</summary>
    Task<TOutput> QueryAsync<TFunction, TOutput>(string contractAddress, TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new();

    /// <summary>Calls a view function with a single return value.</summary>
    Task<TValue> QueryValueAsync<TFunction, TValue>(string contractAddress, TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new();

    /// <summary>
    /// Calls a view function on the state as of block <paramref name="block"/> (<c>eth_call</c> at that block) and decodes
    /// its outputs. The caller makes sure the block exists (a block above the head is an RPC error).
    /// </summary>
    Task<TOutput> QueryAtBlockAsync<TFunction, TOutput>(string contractAddress, TFunction message, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new();

    /// <summary>Calls a view function with a single return value on the state as of block <paramref name="block"/>.</summary>
    Task<TValue> QueryValueAtBlockAsync<TFunction, TValue>(string contractAddress, TFunction message, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new();

    /// <summary>
    /// Calls one view function of one contract with each of <paramref name="messages"/> on the state as of block
    /// <paramref name="block"/>, sent as JSON-RPC batches (one round trip per <see cref="ChainClient.CallsPerBatch"/>
    /// calls), and decodes the single return values, in the messages' order. A call that reverts throws
    /// <see cref="ChainRevertException"/>.
    /// </summary>
    Task<IReadOnlyList<TValue>> QueryValuesAtBlockAsync<TFunction, TValue>(string contractAddress, IReadOnlyList<TFunction> messages, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new();

    /// <summary>As <see cref="QueryValuesAtBlockAsync{TFunction, TValue}"/>, decoding each call's outputs into <typeparamref name="TOutput"/>.</summary>
    Task<IReadOnlyList<TOutput>> QueryAllAtBlockAsync<TFunction, TOutput>(string contractAddress, IReadOnlyList<TFunction> messages, ulong block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new();

    /// <summary>
    /// The <typeparamref name="TEvent"/> logs of a contract from <paramref name="fromBlock"/> to <paramref name="toBlock"/>
    /// (inclusive, <c>eth_getLogs</c>), in chain order; with <paramref name="firstIndexed"/>, only those whose first
    /// indexed parameter is one of its values.
    /// </summary>
    Task<IReadOnlyList<EventLog<TEvent>>> GetEventsAsync<TEvent>(string contractAddress, object[]? firstIndexed, ulong fromBlock, ulong toBlock, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new();

    /// <summary>
    /// Sends a transaction and waits for its receipt. Reverts (at estimation or after mining) throw
    /// <see cref="ChainRevertException"/>; a missing receipt throws <see cref="ChainTransactionTimeoutException"/>.
    /// </summary>
    Task<TransactionReceipt> SendAsync<TFunction>(string contractAddress, TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new();

    /// <summary>Deploys a contract and waits for its receipt; the address is in <c>ContractAddress</c>.</summary>
    Task<TransactionReceipt> DeployAsync<TDeployment>(TDeployment deployment, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new();

    /// <summary>The receipt of a transaction, or null if it is not mined (yet).</summary>
    Task<TransactionReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken);
}
