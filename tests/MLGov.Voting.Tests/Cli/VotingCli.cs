using System.CommandLine;
using MLGov.Operations.Voting;

namespace MLGov.Voting.Tests.Cli;

/// <summary>Runs the voting commands through System.CommandLine in process, with captured output, over files in a temporary directory.</summary>
internal sealed class VotingCli : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlgov-votecli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Writes <paramref name="content"/> to a new file and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_directory, name);

    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand("test");
        foreach (var command in VotingCommands.Create(output, error))
        {
            root.Subcommands.Add(command);
        }

        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must be refused: exit code 2, nothing on the output, one line on the error writer containing <paramref name="expected"/>.</summary>
    public static async Task<string> RefusedAsync(string expected, params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.Equal(VotingCommands.BadInput, code);
        Assert.Equal(string.Empty, output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        return lines[0].TrimEnd();
    }

    /// <summary>Runs a command that must succeed and returns its output, trimmed.</summary>
    public static async Task<string> OkAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.Equal(string.Empty, error);
        Assert.Equal(VotingCommands.Ok, code);
        return output.Trim();
    }
}
