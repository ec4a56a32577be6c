using System.CommandLine;
using MLGov.Cli.Up;

var root = new RootCommand("mlgov: run and operate the MLGov governance backend")
{
    UpCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
