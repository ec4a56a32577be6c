using System.Numerics;
using MLGov.Operations.Contracts;
using MLGov.Contracts.TestToken;
using MLGov.Platform.Chain.Contracts;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>A TestToken of its own for one test, so per-token state (distribution epochs, totals) starts empty.</summary>
public static class FreshToken
{
    /// <summary>Deploys a token, mints <paramref name="amount"/> to the operator and lets <paramref name="spender"/> pull all of it.</summary>
    public static async Task<string> DeployAsync(ContractsFixture fixture, BigInteger amount, string spender)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var receipt = await fixture.Operator.Chain.DeployAsync(new TestTokenDeployment { Name = "Revenue", Symbol = "REV", Decimals = 6, Admin = fixture.Operator.Address }, CancellationToken.None);
        var token = receipt.ContractAddress;
        await new TestTokenService(fixture.Operator.Chain, token).MintRequestAndWaitForReceiptAsync(fixture.Operator.Address, amount, CancellationToken.None);
        await new Erc20Service(fixture.Operator.Chain, token).ApproveRequestAndWaitForReceiptAsync(spender, amount, CancellationToken.None);
        return token;
    }
}
