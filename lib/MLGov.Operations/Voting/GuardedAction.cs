using System.CommandLine;
using System.CommandLine.Invocation;

namespace MLGov.Operations.Voting;

/// <summary>
/// A command action that also runs when the command line does not parse, so a usage error (an option without its value,
/// an option given twice, an unknown token) is refused like any other bad input: one line on the error writer and exit
/// code 2, where System.CommandLine's own parse-error action would print the help and exit 1. Help (<c>-h</c>) still
/// wins over this action.
/// </summary>
internal sealed class GuardedAction(TextWriter error, Func<ParseResult, int> body) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.Errors.Count > 0)
        {
            return CommandRun.Refuse(error, $"{parseResult.Errors[0].Message} See --help.");
        }

        return CommandRun.Guard(parseResult, error, () => body(parseResult));
    }
}
