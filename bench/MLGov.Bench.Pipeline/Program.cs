using MLGov.Bench.Pipeline;

// Events per second through the whole path on the local stack, and the lag from an incident's
// acceptance to its payout intent. Usage:
//   dotnet run -c Release --project bench/MLGov.Bench.Pipeline [-- --events N --clients C]
var events = 1000;
var clients = 8;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--events" when int.TryParse(args[i + 1], out var n) && n > 0:
            events = n;
            break;
        case "--clients" when int.TryParse(args[i + 1], out var c) && c > 0:
            clients = c;
            break;
        default:
            Console.Error.WriteLine("usage: MLGov.Bench.Pipeline [--events N] [--clients C]");
            return 2;
    }
}

await PipelineBenchmark.RunAsync(events, clients, Console.Out);
return 0;
