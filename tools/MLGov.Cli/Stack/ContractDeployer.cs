using MLGov.Contracts.TestToken;
using MLGov.Platform.Chain;

namespace MLGov.Cli.Stack;

/// <summary>Deploys the project's contracts to a chain and returns their addresses.</summary>
public static class ContractDeployer
{
    public static async Task<IReadOnlyDictionary<string, string>> DeployAsync(IChainClient chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var token = await chain.DeployAsync(
            new TestTokenDeployment { Name = "MLGov Test Token", Symbol = "MLGT", Decimals = 6, Admin = chain.OperatorAddress! },
            cancellationToken);
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["TestToken"] = token.ContractAddress };
    }
}
