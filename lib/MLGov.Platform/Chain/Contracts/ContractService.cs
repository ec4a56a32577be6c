using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// Base of the typed contract services: one deployed contract reached through an
/// <see cref="IChainClient"/>. Transactions are signed by the client's operator account; to act
/// as another account, construct the service with that account's client.
/// </summary>
public abstract class ContractService
{
    protected ContractService(IChainClient chain, string contractAddress)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentException.ThrowIfNullOrWhiteSpace(contractAddress);
        Chain = chain;
        ContractAddress = contractAddress;
    }

    /// <summary>The contract's address.</summary>
    public string ContractAddress { get; }

    /// <summary>The account that signs this service's transactions (null for a read-only client).</summary>
    public string? SenderAddress => Chain.OperatorAddress;

    protected IChainClient Chain { get; }

    /// <summary>Sends <paramref name="message"/> and returns its receipt once mined; reverts throw <see cref="ChainRevertException"/>.</summary>
    protected async Task<ContractReceipt> SendAsync<TFunction>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        new(await Chain.SendAsync(ContractAddress, message, cancellationToken).ConfigureAwait(false));

    protected Task<TValue> QueryValueAsync<TFunction, TValue>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        Chain.QueryValueAsync<TFunction, TValue>(ContractAddress, message, cancellationToken);

    protected Task<TOutput> QueryAsync<TFunction, TOutput>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        Chain.QueryAsync<TFunction, TOutput>(ContractAddress, message, cancellationToken);
}
