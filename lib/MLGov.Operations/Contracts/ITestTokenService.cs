using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
using System.Numerics;

namespace MLGov.Operations.Contracts;

/// <summary>
/// What the TestToken (local chains and tests) adds to ERC-20: minting by <c>MINTER_ROLE</c>. Its
/// ERC-20 functions are reached through <see cref="IErc20Service"/> at the same address.
/// </summary>
public interface ITestTokenService : IAccessControlService
{
    Task<byte[]> MinterRoleQueryAsync(CancellationToken cancellationToken);

    /// <summary>Mints <paramref name="amount"/> to <paramref name="recipient"/>. Emits <c>Transfer</c> from the zero address.</summary>
    Task<ContractReceipt> MintRequestAndWaitForReceiptAsync(string recipient, BigInteger amount, CancellationToken cancellationToken);
}
