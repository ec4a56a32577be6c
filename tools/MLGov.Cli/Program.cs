using System.CommandLine;
using MLGov.Cli.Contracts;
using MLGov.Cli.DeadLetters;
using MLGov.Cli.Emulator;
using MLGov.Cli.Up;

var root = new RootCommand("mlgov: run and operate the MLGov governance backend")
{
    UpCommand.Create(),
    ContractsCommand.Create(),
    EmulatorCommand.Create(),
    DeadLetterCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
