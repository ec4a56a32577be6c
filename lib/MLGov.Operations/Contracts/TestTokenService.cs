using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
using System.Numerics;
using MLGov.Contracts.TestToken;

namespace MLGov.Operations.Contracts;

/// <summary>Typed access to a deployed TestToken's minting and roles.</summary>
public sealed class TestTokenService : AccessControlService, ITestTokenService
{
    public TestTokenService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> MinterRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<MinterRoleFunction, byte[]>(new MinterRoleFunction(), cancellationToken);

    public Task<ContractReceipt> MintRequestAndWaitForReceiptAsync(string recipient, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new MintFunction { To = recipient, Amount = amount }, cancellationToken);
}
