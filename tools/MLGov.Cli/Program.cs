using System.CommandLine;
using MLGov.Cli.Contracts;
using MLGov.Cli.Emulator;
using MLGov.Cli.OpenApi;
using MLGov.Cli.Up;
using MLGov.DevStack;
using MLGov.Operations.Chain;
using MLGov.Operations.DeadLetters;
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
return await root.Parse(args).InvokeAsync();
