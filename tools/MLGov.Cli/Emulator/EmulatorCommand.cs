using System.CommandLine;
using Microsoft.Extensions.Logging;
using MLGov.DevStack;
using MLGov.ServiceBusEmulator;

namespace MLGov.Cli.Emulator;

/// <summary>mlgov emulator servicebus: the Service Bus emulator on its own, for any Service Bus client.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => EmulatorOptions.DefaultPort };
        var topology = new Option<string>("--topology") { Description = "Topology JSON file", DefaultValueFactory = _ => LocalDependencies.TopologyPath };
        var verbose = new Option<bool>("--verbose") { Description = "Log every connection and link" };
        var serviceBus = new Command("servicebus", "Run the Service Bus emulator (AMQP on 127.0.0.1); prints the connection string on stdout and runs until Ctrl-C") { port, topology, verbose };
        serviceBus.SetAction((parse, cancellationToken) => RunServiceBusAsync(parse.GetValue(port), parse.GetValue(topology)!, parse.GetValue(verbose), cancellationToken));
        return new Command("emulator", "Run a local emulator standalone") { serviceBus };
    }

    private static async Task<int> RunServiceBusAsync(int port, string topology, bool verbose, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535 || (port != 0 && !FreePort.IsFree(port)))
        {
            await Console.Error.WriteLineAsync($"Port {port} on 127.0.0.1 is not available; choose another with --port (0 picks a free one).");
            return 2;
        }

        if (!File.Exists(topology))
        {
            await Console.Error.WriteLineAsync($"Topology file {topology} does not exist.");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information));
        await using var emulator = await EmulatorServer.StartAsync(
            new EmulatorOptions { Port = port, Host = "127.0.0.1", TopologyPath = topology, LoggerFactory = loggerFactory },
            cancellationToken);
        await Console.Out.WriteLineAsync(emulator.ConnectionString);
        await Console.Out.FlushAsync(cancellationToken);
        await Console.Error.WriteLineAsync($"Serving {Path.GetFullPath(topology)}. Ctrl-C stops.");
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }
}
