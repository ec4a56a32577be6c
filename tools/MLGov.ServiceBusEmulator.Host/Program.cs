using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator;
using MLGov.ServiceBusEmulator.Host;

// Usage: MLGov.ServiceBusEmulator.Host [--port N] [--host 127.0.0.1] [--topology FILE] [--verbose]
// Prints the connection string on stdout, logs on stderr, stops on Ctrl-C or SIGTERM.
if (!HostArguments.TryParse(args, out HostArguments? arguments, out string? error))
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(HostArguments.Usage);
    return 2;
}

using ILoggerFactory loggerFactory = LoggerFactory.Create(builder => builder
    .SetMinimumLevel(arguments.Verbose ? LogLevel.Debug : LogLevel.Information)
    .AddSimpleConsole(options => options.SingleLine = true)
    .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));

using var stop = new CancellationTokenSource();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using EmulatorServer emulator = await EmulatorServer.StartAsync(new EmulatorOptions
{
    Port = arguments.Port,
    Host = arguments.Host,
    TopologyPath = arguments.TopologyPath,
    LoggerFactory = loggerFactory,
});

Console.WriteLine(emulator.ConnectionString);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
