using MLGov.Bench.ServiceBus;

// Messages per second sent and received through the in-repo emulator with the real SDK, over loopback.
// Usage: dotnet run -c Release --project bench/MLGov.Bench.ServiceBus [-- --messages N]
int messages = args.Length == 2 && args[0] == "--messages" && int.TryParse(args[1], out int n) && n > 0 ? n : 20_000;
await ThroughputBenchmark.RunAsync(messages, Console.Out);
