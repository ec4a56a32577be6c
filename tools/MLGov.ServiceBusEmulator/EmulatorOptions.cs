using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.ServiceBusEmulator;

/// <summary>How to start a <see cref="EmulatorServer"/>.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The conventional AMQP port; the SDK connects to it when the endpoint names no port.</summary>
    public const int DefaultPort = 5672;

    /// <summary>TCP port to listen on; 0 picks a free one (read it back from <see cref="EmulatorServer.Port"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Loopback address to bind (<c>127.0.0.1</c>, <c>::1</c>; <c>localhost</c> means <c>127.0.0.1</c>). The SDK only accepts emulator endpoints on loopback hosts.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Path of a topology JSON file; used when <see cref="Topology"/> is null.</summary>
    public string? TopologyPath { get; init; }

    /// <summary>The topology itself; takes precedence over <see cref="TopologyPath"/>.</summary>
    public ServiceBusTopology? Topology { get; init; }

    /// <summary>Largest message (or batch) a sender may transfer, announced on sender links.</summary>
    public ulong MaxMessageSizeInBytes { get; init; } = 1024 * 1024;

    /// <summary>Logger factory for broker diagnostics; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
