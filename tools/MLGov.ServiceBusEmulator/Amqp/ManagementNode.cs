using System.Collections;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator.Broker;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// An entity's <c>$management</c> node: the request/response operations the SDK uses besides plain links
/// (lock renewal, peek, scheduling, deferred receive, settlement by lock token).
/// </summary>
internal sealed partial class ManagementNode
{
    private const string Prefix = "com.microsoft:";

    private readonly ResolvedEntity _entity;
    private readonly ILogger _logger;

    public ManagementNode(ResolvedEntity entity, ILogger logger)
    {
        _entity = entity;
        _logger = logger;
    }

    public AmqpMessage Handle(AmqpMessage request)
    {
        string? operation = null;
        request.ApplicationProperties?.Map.TryGetValue("operation", out operation);
        AmqpMap body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        try
        {
            return operation switch
            {
                Prefix + "renew-lock" => RenewLock(body),
                Prefix + "peek-message" => Peek(body),
                Prefix + "schedule-message" => Schedule(body),
                Prefix + "cancel-scheduled-message" => CancelScheduled(body),
                Prefix + "update-disposition" => UpdateDisposition(body),
                Prefix + "receive-by-sequence-number" => ReceiveBySequenceNumber(body),
                _ => Error(501, AmqpErrorCode.NotImplemented, $"The emulator does not implement '{operation}'."),
            };
        }
        catch (Exception ex) when (ex is InvalidCastException or ArgumentException or FormatException or KeyNotFoundException)
        {
            LogBadRequest(_logger, ex, _entity.Path, operation ?? "(none)");
            return Error(400, ServiceBusAmqp.ArgumentErrorCondition, ex.Message);
        }
    }

    private AmqpMessage RenewLock(AmqpMap body)
    {
        MessageStore store = RequireStore();
        var expirations = new List<DateTime>();
        foreach (Guid lockToken in ReadGuids(body[new MapKey("lock-tokens")]))
        {
            if (store.RenewLock(lockToken, out DateTime lockedUntil) != SettleResult.Ok)
            {
                return LockLost();
            }

            expirations.Add(lockedUntil);
        }

        return Ok(new AmqpMap { [new MapKey("expirations")] = expirations.ToArray() });
    }

    private AmqpMessage Peek(AmqpMap body)
    {
        MessageStore? store = _entity.Store;
        long from = Convert.ToInt64(body[new MapKey("from-sequence-number")] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        int count = Convert.ToInt32(body[new MapKey("message-count")] ?? 1, System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<MessageSnapshot> snapshots = store is null ? [] : store.Peek(from, count);
        if (snapshots.Count == 0)
        {
            return Status(204, "No messages");
        }

        var messages = new List<object>(snapshots.Count);
        foreach (MessageSnapshot snapshot in snapshots)
        {
            using AmqpMessage message = AmqpMessageMapper.ToAmqpMessage(snapshot, forPeek: true);
            messages.Add(new AmqpMap { [new MapKey("message")] = new ArraySegment<byte>(AmqpMessageMapper.Encode(message)) });
        }

        return Ok(new AmqpMap { [new MapKey("messages")] = messages });
    }

    private AmqpMessage Schedule(AmqpMap body)
    {
        SendTarget target = _entity.Target ?? throw new ArgumentException($"'{_entity.Path}' does not accept messages.");
        var sequenceNumbers = new List<long>();
        foreach (object? entry in Require<IEnumerable>(body, "messages"))
        {
            var map = (AmqpMap)entry!;
            byte[] encoded = Require<ArraySegment<byte>>(map, "message").AsSpan().ToArray();
            MessageContent content = AmqpMessageMapper.ReadEncoded(encoded);
            DateTime enqueueAt = content.ScheduledEnqueueTimeUtc ?? DateTime.UtcNow;
            sequenceNumbers.Add(target.ScheduleAt(content, enqueueAt));
        }

        return Ok(new AmqpMap { [new MapKey("sequence-numbers")] = sequenceNumbers.ToArray() });
    }

    private AmqpMessage CancelScheduled(AmqpMap body)
    {
        SendTarget target = _entity.Target ?? throw new ArgumentException($"'{_entity.Path}' has no scheduled messages.");
        foreach (long sequenceNumber in ReadLongs(body[new MapKey("sequence-numbers")]))
        {
            target.CancelScheduled(sequenceNumber);
        }

        return Ok(new AmqpMap());
    }

    private AmqpMessage UpdateDisposition(AmqpMap body)
    {
        MessageStore store = RequireStore();
        string status = Require<string>(body, "disposition-status");
        string? reason = body[new MapKey("deadletter-reason")] as string;
        string? description = body[new MapKey("deadletter-description")] as string;
        List<KeyValuePair<string, object?>>? properties = null;
        if (body[new MapKey("properties-to-modify")] is AmqpMap modify)
        {
            properties = [];
            foreach (KeyValuePair<MapKey, object> pair in modify)
            {
                properties.Add(new(pair.Key.ToString(), AmqpMessageMapper.DeepCopy(pair.Value)));
            }
        }

        foreach (Guid lockToken in ReadGuids(body[new MapKey("lock-tokens")]))
        {
            SettleResult result = status switch
            {
                "completed" => store.Complete(lockToken),
                "abandoned" => store.Abandon(lockToken, properties),
                "suspended" => store.DeadLetter(lockToken, reason, description, properties),
                "defered" or "deferred" => store.Defer(lockToken, properties),
                _ => throw new ArgumentException($"Unknown disposition status '{status}'."),
            };
            if (result != SettleResult.Ok)
            {
                return LockLost();
            }
        }

        return Ok(new AmqpMap());
    }

    private AmqpMessage ReceiveBySequenceNumber(AmqpMap body)
    {
        MessageStore store = RequireStore();
        bool receiveAndDelete = Convert.ToUInt32(body[new MapKey("receiver-settle-mode")] ?? 1u, System.Globalization.CultureInfo.InvariantCulture) == 0;
        IReadOnlyList<MessageSnapshot> snapshots = store.ReceiveDeferred(ReadLongs(body[new MapKey("sequence-numbers")]), receiveAndDelete);
        if (snapshots.Count == 0)
        {
            return Error(404, ServiceBusAmqp.MessageNotFoundCondition, "No deferred message has the given sequence numbers.");
        }

        var messages = new List<object>(snapshots.Count);
        foreach (MessageSnapshot snapshot in snapshots)
        {
            using AmqpMessage message = AmqpMessageMapper.ToAmqpMessage(snapshot, forPeek: false);
            var entry = new AmqpMap { [new MapKey("message")] = new ArraySegment<byte>(AmqpMessageMapper.Encode(message)) };
            if (snapshot.LockToken != Guid.Empty)
            {
                entry[new MapKey("lock-token")] = snapshot.LockToken;
            }

            messages.Add(entry);
        }

        return Ok(new AmqpMap { [new MapKey("messages")] = messages });
    }

    private static T Require<T>(AmqpMap map, string key) =>
        map[new MapKey(key)] is T value ? value : throw new ArgumentException($"The request needs '{key}'.");

    private MessageStore RequireStore() =>
        _entity.Store ?? throw new ArgumentException($"'{_entity.Path}' has no messages to settle or peek (a topic).");

    private static IEnumerable<Guid> ReadGuids(object? value) => value switch
    {
        Guid[] guids => guids,
        IEnumerable items => items.Cast<object>().Select(item => item is Guid guid ? guid : Guid.Parse(item.ToString()!)),
        _ => throw new ArgumentException("lock-tokens must be an array of uuid."),
    };

    private static IEnumerable<long> ReadLongs(object? value) => value switch
    {
        long[] longs => longs,
        IEnumerable items => items.Cast<object>().Select(item => Convert.ToInt64(item, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException("sequence-numbers must be an array of long."),
    };

    private static AmqpMessage Ok(AmqpMap body) => Response(200, "OK", null, body);

    private static AmqpMessage Status(int statusCode, string description) => Response(statusCode, description, null, null);

    private static AmqpMessage LockLost() => Error(410, ServiceBusAmqp.MessageLockLostCondition, "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.");

    private static AmqpMessage Error(int statusCode, AmqpSymbol condition, string description) => Response(statusCode, description, condition, null);

    private static AmqpMessage Response(int statusCode, string description, AmqpSymbol? condition, AmqpMap? body)
    {
        AmqpMessage response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties = new ApplicationProperties();
        response.ApplicationProperties.Map["statusCode"] = statusCode;
        response.ApplicationProperties.Map["statusDescription"] = description;
        if (condition is AmqpSymbol symbol)
        {
            response.ApplicationProperties.Map["errorCondition"] = symbol;
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: bad management request {Operation}")]
    private static partial void LogBadRequest(ILogger logger, Exception exception, string path, string operation);
}
