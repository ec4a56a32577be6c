using System.CommandLine;
using MLGov.Cli.Contracts;
using MLGov.Cli.Emulator;
using MLGov.Cli.OpenApi;
using MLGov.Cli.Up;
using MLGov.DevStack;
using MLGov.Operations.Chain;
using MLGov.Operations.DeadLetters;
using MLGov.Operations.Identity;
using MLGov.Operations.Voting;
using MLGov.Platform.Identity;
using Spectre.Console;

var root = new RootCommand("mlgov: run and operate the MLGov governance backend")
{
    UpCommand.Create(),
    ContractsCommand.Create(),
    EmulatorCommand.Create(),
    OpenApiCommand.Create(),
    DeadLetterCommand.Create(AnsiConsole.Console, Path.Combine(RepoPaths.StateDirectory, "local"), LocalDependencies.TopologyPath),
    ChainTransactionsCommand.Create(AnsiConsole.Console, Path.Combine(RepoPaths.StateDirectory, "local")),
};
foreach (var command in IdentityCommands.Create(Console.Out, Console.Error, DidResolutionRegistration.CreateResolver(DidResolverSettings.Default)))
{
    root.Subcommands.Add(command);
}

foreach (var command in VotingCommands.Create(Console.Out, Console.Error))
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
