using System.Numerics;
using MLGov.Contracts.TestToken;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to any ERC-20 (the TestToken's definitions cover the standard functions).</summary>
public sealed class Erc20Service : ContractService, IErc20Service
{
    public Erc20Service(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<string> NameQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<NameFunction, string>(new NameFunction(), cancellationToken);

    public Task<string> SymbolQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<SymbolFunction, string>(new SymbolFunction(), cancellationToken);

    public Task<byte> DecimalsQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<DecimalsFunction, byte>(new DecimalsFunction(), cancellationToken);

    public Task<BigInteger> TotalSupplyQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalSupplyFunction, BigInteger>(new TotalSupplyFunction(), cancellationToken);

    public Task<BigInteger> BalanceOfQueryAsync(string account, CancellationToken cancellationToken) =>
        QueryValueAsync<BalanceOfFunction, BigInteger>(new BalanceOfFunction { Account = account }, cancellationToken);

    public Task<BigInteger> AllowanceQueryAsync(string owner, string spender, CancellationToken cancellationToken) =>
        QueryValueAsync<AllowanceFunction, BigInteger>(new AllowanceFunction { Owner = owner, Spender = spender }, cancellationToken);

    public Task<ContractReceipt> ApproveRequestAndWaitForReceiptAsync(string spender, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new ApproveFunction { Spender = spender, Value = amount }, cancellationToken);

    public Task<ContractReceipt> TransferRequestAndWaitForReceiptAsync(string recipient, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new TransferFunction { To = recipient, Value = amount }, cancellationToken);

    public Task<ContractReceipt> TransferFromRequestAndWaitForReceiptAsync(string from, string recipient, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new TransferFromFunction { From = from, To = recipient, Value = amount }, cancellationToken);
}
