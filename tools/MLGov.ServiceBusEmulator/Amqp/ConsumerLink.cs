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
/// </summary>
internal sealed partial class ConsumerLink : IMessageConsumer
{
    private readonly SendingAmqpLink _link;
    private readonly MessageStore _store;
    private readonly ILogger _logger;
    private readonly Lock _sendLock = new();
    private readonly bool _receiveAndDelete;
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
        store.AddConsumer(this);
        LogAttached(_logger, store.Path, link.Name, _receiveAndDelete ? "ReceiveAndDelete" : "PeekLock");
    }

    public void OnMessagesAvailable() => Pump();

    private void OnCredit(uint credit, bool drain, ArraySegment<byte> transactionId) => Pump();

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
                MessageSnapshot? snapshot = _store.TryAcquire(_receiveAndDelete);
                if (snapshot is null)
                {
                    break;
                }

                Guid tag = snapshot.LockToken != Guid.Empty ? snapshot.LockToken : Guid.NewGuid();
                AmqpMessage message = AmqpMessageMapper.ToAmqpMessage(snapshot, forPeek: false);
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
        LogDetached(_logger, _store.Path, _link.Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: receiver {LinkName} attached ({Mode})")]
    private static partial void LogAttached(ILogger logger, string path, string linkName, string mode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: receiver {LinkName} detached")]
    private static partial void LogDetached(ILogger logger, string path, string linkName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: sending on receiver {LinkName} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string path, string linkName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: unsupported delivery outcome {Outcome}")]
    private static partial void LogUnsupportedOutcome(ILogger logger, string path, string outcome);
}
