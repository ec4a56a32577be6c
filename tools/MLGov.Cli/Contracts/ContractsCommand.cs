using System.CommandLine;

namespace MLGov.Cli.Contracts;

/// <summary>mlgov contracts: operator tasks on the MLGov contracts.</summary>
internal static class ContractsCommand
{
    public static Command Create() => new("contracts", "Deploy the MLGov contracts to an EVM chain")
    {
        DeployCommand.Create(),
    };
}
