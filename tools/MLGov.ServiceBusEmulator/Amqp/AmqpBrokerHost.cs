using System.Security.Principal;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator.Broker;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// The AMQP 1.0 front end: a plain TCP listener with SASL (MSSBCBS, ANONYMOUS, PLAIN — all accepted),
/// connections and sessions from Microsoft.Azure.Amqp, and the link factory that binds each attached
/// link to the broker: <c>$cbs</c>, <c>entity/$management</c>, senders to queues and topics, receivers on
/// queues, subscriptions and dead-letter queues.
/// </summary>
internal sealed partial class AmqpBrokerHost : IRuntimeProvider, IDisposable
{
    private const uint MaxFrameSize = 64 * 1024;
    private const uint IdleTimeoutMilliseconds = 4 * 60 * 1000;

    private readonly MessageBroker _broker;
    private readonly ILogger _logger;
    private readonly ReplyLinkRegistry _replyLinks = new();
    private readonly Lock _connectionsLock = new();
    private readonly HashSet<AmqpConnection> _connections = [];
    private readonly string _host;
    private readonly int _port;
    private readonly ulong _maxMessageSize;
    private readonly string _containerId = "mlgov-servicebus-emulator-" + Guid.NewGuid().ToString("N")[..8];
    private AmqpSettings? _settings;
    private TransportListener? _listener;

    public AmqpBrokerHost(MessageBroker broker, string host, int port, ulong maxMessageSize, ILogger logger)
    {
        _broker = broker;
        _host = host;
        _port = port;
        _maxMessageSize = maxMessageSize;
        _logger = logger;
    }

    public void Start()
    {
        var settings = new AmqpSettings { RuntimeProvider = this };
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler(ServiceBusAmqp.SaslMechanism));
        sasl.AddHandler(new SaslAnonymousHandler());
        sasl.AddHandler(new SaslPlainHandler(new AcceptAllAuthenticator()));
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);

        var tcp = new TcpTransportSettings { Host = _host, Port = _port };
        _settings = settings;
        _listener = new AmqpTransportListener([tcp.CreateListener()], settings);
        _listener.Listen(OnAcceptTransport);
    }

    public void Dispose()
    {
        _listener?.Close();
        AmqpConnection[] connections;
        lock (_connectionsLock)
        {
            connections = [.. _connections];
            _connections.Clear();
        }

        foreach (AmqpConnection connection in connections)
        {
            connection.SafeClose();
        }
    }

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) =>
        new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        if (settings.IsReceiver())
        {
            settings.MaxMessageSize = _maxMessageSize;
            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        Bind(link);
        var result = new CompletedAsyncResult(state);
        callback(result);
        return result;
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    private void Bind(AmqpLink link)
    {
        string? address = link.IsReceiver
            ? (link.Settings.Target as Target)?.Address?.ToString()
            : (link.Settings.Source as Source)?.Address?.ToString();
        if (address is null)
        {
            throw new AmqpException(AmqpErrorCode.InvalidField, "The link has no address.");
        }

        string path = MessageBroker.NormalizeAddress(address);
        if (string.Equals(path, ServiceBusAmqp.CbsAddress, StringComparison.OrdinalIgnoreCase))
        {
            BindRequestResponse(link, CbsNode.Handle);
            return;
        }

        if (MessageBroker.IsManagementAddress(path, out string entityPath))
        {
            ResolvedEntity managed = _broker.Resolve(entityPath) ?? throw NotFound(entityPath);
            var node = new ManagementNode(managed, _logger);
            BindRequestResponse(link, node.Handle);
            return;
        }

        ResolvedEntity entity = _broker.Resolve(path) ?? throw NotFound(path);
        if (link is ReceivingAmqpLink receiving)
        {
            SendTarget target = entity.Target
                ?? throw new AmqpException(AmqpErrorCode.NotAllowed, $"Messages cannot be sent to '{entity.Path}'.");
            _ = new PublisherLink(receiving, target, _logger);
            LogSenderAttached(_logger, entity.Path, link.Name);
            return;
        }

        MessageStore store = entity.Store
            ?? throw new AmqpException(AmqpErrorCode.NotAllowed, $"'{entity.Path}' is a topic; receive from one of its subscriptions.");
        if (link.Settings.Source is Source { FilterSet: not null } source && source.FilterSet.TryGetValue(ServiceBusAmqp.SessionFilterName, out object _))
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "The emulator does not support session receivers.");
        }

        _ = new ConsumerLink((SendingAmqpLink)link, store, _logger);
    }

    private void BindRequestResponse(AmqpLink link, Func<AmqpMessage, AmqpMessage> handler)
    {
        if (link is ReceivingAmqpLink receiving)
        {
            _ = new RequestLink(receiving, handler, _replyLinks, _logger);
            return;
        }

        string? replyTo = (link.Settings.Target as Target)?.Address?.ToString();
        if (replyTo is not null)
        {
            _replyLinks.Register(replyTo, (SendingAmqpLink)link);
        }
    }

    private static AmqpException NotFound(string path) =>
        new(AmqpErrorCode.NotFound, $"The messaging entity '{path}' could not be found.");

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        if (args.Exception is not null || _settings is null)
        {
            return;
        }

        var connectionSettings = new AmqpConnectionSettings
        {
            ContainerId = _containerId,
            MaxFrameSize = MaxFrameSize,
            IdleTimeOut = IdleTimeoutMilliseconds,
        };

        AmqpConnection? connection = null;
        try
        {
            connection = CreateConnection(args.Transport, (ProtocolHeader)args.UserToken, false, _settings, connectionSettings);
            connection.Closed += OnConnectionClosed;
            lock (_connectionsLock)
            {
                _connections.Add(connection);
            }

            connection.BeginOpen(TimeSpan.FromMinutes(1), OnConnectionOpened, connection);
        }
        catch (Exception ex) when (ex is AmqpException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            LogConnectionFailed(_logger, ex);
            connection?.SafeClose(ex);
        }
    }

    private void OnConnectionOpened(IAsyncResult result)
    {
        var connection = (AmqpConnection)result.AsyncState!;
        try
        {
            connection.EndOpen(result);
            LogConnectionOpened(_logger, connection.Settings.RemoteContainerId ?? "(unknown)");
        }
        catch (Exception ex) when (ex is AmqpException or IOException or TimeoutException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            LogConnectionFailed(_logger, ex);
            connection.SafeClose(ex);
        }
    }

    private void OnConnectionClosed(object? sender, EventArgs e)
    {
        if (sender is AmqpConnection connection)
        {
            lock (_connectionsLock)
            {
                _connections.Remove(connection);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {ContainerId} opened")]
    private static partial void LogConnectionOpened(ILogger logger, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A connection failed to open")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: sender {LinkName} attached")]
    private static partial void LogSenderAttached(ILogger logger, string path, string linkName);

    /// <summary>SASL PLAIN accepts any user: the emulator does not authenticate, like the official one.</summary>
    private sealed class AcceptAllAuthenticator : ISaslPlainAuthenticator
    {
        public Task<IPrincipal> AuthenticateAsync(string identity, string password) =>
            Task.FromResult<IPrincipal>(new GenericPrincipal(new GenericIdentity(identity ?? "anonymous"), ["Send", "Listen", "Manage"]));
    }
}
