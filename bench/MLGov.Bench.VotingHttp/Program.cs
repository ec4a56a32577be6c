using System.Globalization;
using MLGov.Bench.VotingHttp;

// Votes accepted per second through HTTP on the local host with Azurite, with per-request latency. Usage:
//   dotnet run -c Release --project bench/MLGov.Bench.VotingHttp [-- --votes N] [--concurrency C]...
// Several --concurrency values run one after another on the same stack, each on a proposal of its own.
var votes = 2000;
var concurrencies = new List<int>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--votes" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            votes = n;
            break;
        case "--concurrency" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0:
            concurrencies.Add(c);
            break;
        default:
            Console.Error.WriteLine("usage: MLGov.Bench.VotingHttp [--votes N] [--concurrency C]...");
            return 2;
    }
}

if (args.Length % 2 != 0)
{
    Console.Error.WriteLine("usage: MLGov.Bench.VotingHttp [--votes N] [--concurrency C]...");
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}; apps, Azurite and this client on the same machine"));
return await VoteIntakeBenchmark.RunAsync(votes, concurrencies.Count == 0 ? [16] : concurrencies, Console.Out);
