using System.Numerics;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// A standard ERC-20 (the token the pools and the distributor move): the real token of a
/// deployment, or the TestToken on local chains. Amounts are in the token's minor units.
/// </summary>
public interface IErc20Service
{
    string ContractAddress { get; }

    string? SenderAddress { get; }

    Task<string> NameQueryAsync(CancellationToken cancellationToken);

    Task<string> SymbolQueryAsync(CancellationToken cancellationToken);

    Task<byte> DecimalsQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> TotalSupplyQueryAsync(CancellationToken cancellationToken);

    Task<BigInteger> BalanceOfQueryAsync(string account, CancellationToken cancellationToken);

    Task<BigInteger> AllowanceQueryAsync(string owner, string spender, CancellationToken cancellationToken);

    /// <summary>Lets <paramref name="spender"/> pull up to <paramref name="amount"/> from the sender. Emits <c>Approval</c>.</summary>
    Task<ContractReceipt> ApproveRequestAndWaitForReceiptAsync(string spender, BigInteger amount, CancellationToken cancellationToken);

    Task<ContractReceipt> TransferRequestAndWaitForReceiptAsync(string recipient, BigInteger amount, CancellationToken cancellationToken);

    Task<ContractReceipt> TransferFromRequestAndWaitForReceiptAsync(string from, string recipient, BigInteger amount, CancellationToken cancellationToken);
}
