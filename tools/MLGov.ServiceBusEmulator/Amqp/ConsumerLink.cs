using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator.Broker;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// A client's receiver link on a queue, subscription or dead-letter queue. Sends exactly as many messages as
/// the client granted credit for, each with a fresh lock token as delivery tag, and applies the client's
/// dispositions (accepted = complete, modified = abandon or defer, rejected = dead-letter, released = unlock).
/// A peek-lock delivery whose lock ends another way (it expires, or the message is settled by lock token through
/// <c>$management</c>) is settled on the link with <c>com.microsoft:message-lock-lost</c>. The client gives credit
/// back only for settled deliveries, so without this a prefetching receiver that leaves its buffer unsettled is
/// never sent another message; against Azure it goes on once the locks expire (azure-sdk-for-net#49018). A client
/// settling the message later is answered not-found on the link, and the SDK's retry through <c>$management</c>
/// reports the lock lost.
/// </summary>
internal sealed partial class ConsumerLink : IMessageConsumer
{
    private readonly SendingAmqpLink _link;
    private readonly MessageStore _store;
    private readonly ILogger _logger;
    private readonly Lock _sendLock = new();
    private readonly bool _receiveAndDelete;

    /// <summary>Peek-lock deliveries the client has not settled yet, by lock token (= delivery tag).</summary>
    private readonly ConcurrentDictionary<Guid, Delivery> _unsettled = new();
    private volatile bool _closed;

    public ConsumerLink(SendingAmqpLink link, MessageStore store, ILogger logger)
    {
        _link = link;
        _store = store;
        _logger = logger;
        _receiveAndDelete = link.Settings.SettleType == SettleMode.SettleOnSend;
        link.RegisterCreditListener(OnCredit);
        link.RegisterDispositionListener(OnDisposition);
        link.SafeAddClosed(OnClosed);
        link.Opened += OnOpened;
        store.AddConsumer(this);
        LogAttached(_logger, store.Path, link.Name, _receiveAndDelete ? "ReceiveAndDelete" : "PeekLock");
    }

    public void OnMessagesAvailable() => Pump();

    public void OnLockEnded(Guid lockToken)
    {
        if (!_unsettled.TryRemove(lockToken, out Delivery? delivery) || _closed)
        {
            return;
        }

        try
        {
            _link.DisposeDelivery(delivery, true, LockLost());
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // The link is going away; the client drops its deliveries with it.
            LogSettleFailed(_logger, ex, _store.Path, _link.Name);
        }
    }

    /// <summary>
    /// Each flow from the client: the AMQP library has already worked out the credit (the client's delivery-count
    /// plus link-credit, less the deliveries sent) and, on drain, advances the delivery-count over what is left
    /// once this returns, so everything that can go must go now.
    /// </summary>
    private void OnCredit(uint credit, bool drain, ArraySegment<byte> transactionId) => Pump();

    /// <summary>Credit the client sent with its attach may arrive before the link is open; use it once it is.</summary>
    private void OnOpened(object? sender, EventArgs e) => Pump();

    /// <summary>Sends while credit lasts. Transfers happen synchronously, so the link's credit stays exact.</summary>
    private void Pump()
    {
        if (_closed)
        {
            return;
        }

        lock (_sendLock)
        {
            while (!_closed && _link.State == AmqpObjectState.Opened && _link.LinkCredit > _link.Available && _store.HasAvailableMessages)
            {
                MessageSnapshot? snapshot = _store.TryAcquire(_receiveAndDelete, this);
                if (snapshot is null)
                {
                    break;
                }

                Guid tag = snapshot.LockToken != Guid.Empty ? snapshot.LockToken : Guid.NewGuid();
                AmqpMessage message = AmqpMessageMapper.ToAmqpMessage(snapshot, forPeek: false);
                if (snapshot.LockToken != Guid.Empty)
                {
                    // Tracked before the transfer, so a settlement or lock expiry racing it finds the delivery.
                    _unsettled[tag] = message;
                }

                try
                {
                    _link.SendMessageNoWait(message, new ArraySegment<byte>(tag.ToByteArray()), AmqpConstants.NullBinary);
                }
                catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException or IOException)
                {
                    // The link is going away: give a locked message back at once instead of at lock expiry.
                    LogSendFailed(_logger, ex, _store.Path, _link.Name);
                    if (snapshot.LockToken != Guid.Empty)
                    {
                        _unsettled.TryRemove(tag, out _);
                        _store.Release(snapshot.LockToken);
                    }

                    _closed = true;
                    break;
                }
            }
        }
    }

    private void OnDisposition(Delivery delivery)
    {
        DeliveryState? state = delivery.State;
        if (state is null || state.DescriptorCode == Received.Code)
        {
            return;
        }

        Outcome reply;
        if (delivery.DeliveryTag.Count != 16)
        {
            reply = LockLost();
        }
        else
        {
            var lockToken = new Guid(delivery.DeliveryTag.AsSpan());

            // Forgotten before the store hears of it, so the store's lock-ended call back is a no-op.
            _unsettled.TryRemove(lockToken, out _);
            reply = Apply(lockToken, state);
        }

        if (!delivery.Settled)
        {
            _link.DisposeDelivery(delivery, true, reply);
        }
    }

    private Outcome Apply(Guid lockToken, DeliveryState state)
    {
        switch (state)
        {
            case Accepted:
                return _store.Complete(lockToken) == SettleResult.Ok ? new Accepted() : LockLost();

            case Modified modified when modified.UndeliverableHere == true:
                return _store.Defer(lockToken, ToProperties(modified.MessageAnnotations)) == SettleResult.Ok ? new Modified() : LockLost();

            case Modified modified:
                return _store.Abandon(lockToken, ToProperties(modified.MessageAnnotations)) == SettleResult.Ok ? new Modified() : LockLost();

            case Rejected rejected:
            {
                (string? reason, string? description, List<KeyValuePair<string, object?>> properties) = ReadDeadLetter(rejected.Error);
                return _store.DeadLetter(lockToken, reason, description, properties) == SettleResult.Ok ? new Rejected() : LockLost();
            }

            case Released:
                return _store.Release(lockToken) == SettleResult.Ok ? new Released() : LockLost();

            default:
                LogUnsupportedOutcome(_logger, _store.Path, state.DescriptorName.Value);
                return new Rejected { Error = new Error { Condition = AmqpErrorCode.NotImplemented, Description = "Transactions are not supported by the emulator." } };
        }
    }

    private static (string? Reason, string? Description, List<KeyValuePair<string, object?>> Properties) ReadDeadLetter(Error? error)
    {
        string? reason = null;
        string? description = null;
        var properties = new List<KeyValuePair<string, object?>>();
        if (error?.Info is not null)
        {
            foreach (KeyValuePair<MapKey, object> pair in error.Info)
            {
                string key = pair.Key.ToString();
                if (key == ServiceBusAmqp.DeadLetterReasonInfo)
                {
                    reason = pair.Value as string;
                }
                else if (key == ServiceBusAmqp.DeadLetterErrorDescriptionInfo)
                {
                    description = pair.Value as string;
                }
                else
                {
                    properties.Add(new(key, AmqpMessageMapper.DeepCopy(pair.Value)));
                }
            }
        }

        return (reason, description, properties);
    }

    private static List<KeyValuePair<string, object?>>? ToProperties(Fields? fields)
    {
        if (fields is null)
        {
            return null;
        }

        var properties = new List<KeyValuePair<string, object?>>();
        foreach (KeyValuePair<MapKey, object> pair in fields)
        {
            properties.Add(new(pair.Key.ToString(), AmqpMessageMapper.DeepCopy(pair.Value)));
        }

        return properties;
    }

    private static Rejected LockLost() => new()
    {
        Error = new Error
        {
            Condition = ServiceBusAmqp.MessageLockLostCondition,
            Description = "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.",
        },
    };

    private void OnClosed(object? sender, EventArgs e)
    {
        _closed = true;
        _store.RemoveConsumer(this);

        // Locks outlive the link (the SDK may still settle through $management); the deliveries do not.
        _unsettled.Clear();
        LogDetached(_logger, _store.Path, _link.Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: receiver {LinkName} attached ({Mode})")]
    private static partial void LogAttached(ILogger logger, string path, string linkName, string mode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: receiver {LinkName} detached")]
    private static partial void LogDetached(ILogger logger, string path, string linkName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: sending on receiver {LinkName} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string path, string linkName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: settling an ended lock on receiver {LinkName} failed")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string path, string linkName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: unsupported delivery outcome {Outcome}")]
    private static partial void LogUnsupportedOutcome(ILogger logger, string path, string outcome);
}
