using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.ServiceBusEmulator.Amqp;
using MLGov.ServiceBusEmulator.Broker;
using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.ServiceBusEmulator;

/// <summary>
/// A running in-memory Service Bus emulator that the unmodified <c>Azure.Messaging.ServiceBus</c> client reaches
/// over AMQP 1.0 on a loopback port, with a connection string carrying <c>UseDevelopmentEmulator=true</c>.
/// Also the admin view (message and dead-letter counts) for health checks and tests.
/// </summary>
public sealed partial class EmulatorServer : IAsyncDisposable
{
    /// <summary>The key name of the official emulator's fixed connection string; the emulator checks no key.</summary>
    public const string SharedAccessKeyName = "RootManageSharedAccessKey";

    /// <summary>The placeholder key of the official emulator's connection string.</summary>
    public const string SharedAccessKey = "SAS_KEY_VALUE";

    private readonly MessageBroker _broker;
    private readonly AmqpBrokerHost _host;
    private readonly ILogger _logger;
    private int _stopped;

    private EmulatorServer(MessageBroker broker, AmqpBrokerHost host, string hostName, int port, ServiceBusTopology topology, ILogger logger)
    {
        _broker = broker;
        _host = host;
        Host = hostName;
        Port = port;
        Topology = topology;
        _logger = logger;
    }

    /// <summary>The address the listener is bound to.</summary>
    public string Host { get; }

    /// <summary>The TCP port the listener is bound to (the real one when 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>The topology the emulator serves.</summary>
    public ServiceBusTopology Topology { get; }

    /// <summary>
    /// Connection string for <c>ServiceBusClient</c>:
    /// <c>Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;</c>
    /// </summary>
    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"Endpoint=sb://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port};SharedAccessKeyName={SharedAccessKeyName};SharedAccessKey={SharedAccessKey};UseDevelopmentEmulator=true;");

    /// <summary>Starts an emulator: loads the topology and begins listening.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ServiceBusTopology topology = options.Topology
            ?? (options.TopologyPath is not null
                ? await TopologyLoader.LoadAsync(options.TopologyPath, cancellationToken).ConfigureAwait(false)
                : new ServiceBusTopology());

        string requestedHost = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : options.Host;
        if (!IPAddress.TryParse(requestedHost, out IPAddress? address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The emulator binds loopback addresses only (got '{options.Host}'); the SDK accepts emulator endpoints only there.", nameof(options));
        }

        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger<EmulatorServer>();
        var broker = new MessageBroker(topology, TimeProvider.System, loggerFactory);
        const int attempts = 5;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int port = options.Port == 0 ? FindFreePort(address) : options.Port;
            var host = new AmqpBrokerHost(broker, address.ToString(), port, options.MaxMessageSizeInBytes, loggerFactory.CreateLogger("MLGov.ServiceBusEmulator.Amqp"));
            try
            {
                host.Start();
                var emulator = new EmulatorServer(broker, host, address.ToString(), port, topology, logger);
                LogStarted(logger, emulator.Host, port, topology.Queues.Count, topology.Topics.Count);
                return emulator;
            }
            catch (SocketException) when (options.Port == 0 && attempt < attempts)
            {
                // Another process took the free port between probe and bind; try another one.
                host.Dispose();
            }
            catch
            {
                host.Dispose();
                broker.Dispose();
                throw;
            }
        }
    }

    /// <summary>Counts for every queue and subscription.</summary>
    public IReadOnlyList<EntityRuntimeInfo> GetEntities() => _broker.GetEntityInfo();

    /// <summary>Counts for one queue or subscription (<c>topic/Subscriptions/name</c>); null when unknown.</summary>
    public EntityRuntimeInfo? GetEntity(string entityPath)
    {
        ResolvedEntity? entity = _broker.Resolve(MessageBroker.NormalizeAddress(entityPath));
        return entity?.Store is null ? null : MessageBroker.Describe(entity.Store, entity.Store.DeadLetterQueue);
    }

    /// <summary>Messages waiting in an entity's dead-letter queue.</summary>
    public int GetDeadLetterCount(string entityPath) =>
        GetEntity(entityPath)?.DeadLetterMessageCount ?? throw UnknownEntity(entityPath);

    /// <summary>Messages waiting to be received from an entity (not locked, deferred or scheduled).</summary>
    public int GetActiveMessageCount(string entityPath) =>
        GetEntity(entityPath)?.ActiveMessageCount ?? throw UnknownEntity(entityPath);

    /// <summary>Drops every message of an entity or dead-letter queue (<c>queue/$DeadLetterQueue</c>); returns how many.</summary>
    public int Purge(string entityPath)
    {
        ResolvedEntity entity = _broker.Resolve(MessageBroker.NormalizeAddress(entityPath)) ?? throw UnknownEntity(entityPath);
        return entity.Store?.Purge() ?? 0;
    }

    /// <summary>Stops listening, closes client connections and drops all messages.</summary>
    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _host.Dispose();
            _broker.Dispose();
            LogStopped(_logger, Port);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private static ArgumentException UnknownEntity(string entityPath) =>
        new($"No queue or subscription '{entityPath}'.", nameof(entityPath));

    private static int FindFreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus emulator listening on {Host}:{Port} with {QueueCount} queue(s) and {TopicCount} topic(s)")]
    private static partial void LogStarted(ILogger logger, string host, int port, int queueCount, int topicCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus emulator on port {Port} stopped")]
    private static partial void LogStopped(ILogger logger, int port);
}
