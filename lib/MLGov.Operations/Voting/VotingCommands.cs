using System.CommandLine;

namespace MLGov.Operations.Voting;

/// <summary>
/// The offline voting tools: <c>mlgov eip712 hash|recover|sign</c>, <c>mlgov vote sign</c>, <c>mlgov tally</c> and
/// <c>mlgov merkle root|proof</c>. Exit codes: 0 success, 1 an audit found a problem (<c>tally --proposal --votes</c>:
/// a refused line or a result that differs), 2 refused input or usage (one line on the error writer naming the problem,
/// never a stack trace).
/// </summary>
public static class VotingCommands
{
    public const int Ok = CommandRun.Ok;
    public const int Failed = CommandRun.Failed;
    public const int BadInput = CommandRun.BadInput;

    /// <summary>The commands, writing results to <paramref name="output"/> and refusals to <paramref name="error"/>.</summary>
    public static IReadOnlyList<Command> Create(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return
        [
            Eip712Commands.Create(output, error),
            VoteCommands.Create(output, error),
            TallyCommand.Create(output, error),
            MerkleCommands.Create(output, error),
        ];
    }
}
