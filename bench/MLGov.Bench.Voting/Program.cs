using System.Globalization;
using MLGov.Bench.Voting;

// Voting at scale, figures printed as a table. Usage:
//   dotnet run -c Release --project bench/MLGov.Bench.Voting [-- --votes N] [--ballots N] [--candidates N]
// Defaults are issue 20's sizes: 1,000,000 signed votes and 1,000,000 ranked ballots over 8 choices.
var votes = Option("--votes", 1_000_000);
var ballots = Option("--ballots", 1_000_000);
var candidates = Option("--candidates", 8);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}"));
SignedTallyScale.Run(votes, Console.Out);
RankedChoiceScale.Run(ballots, candidates, Console.Out);
return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
