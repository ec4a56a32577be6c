namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>
/// An entity senders address (a queue or a topic): it numbers messages, drops duplicates by MessageId within
/// the detection window and holds back scheduled messages.
/// </summary>
internal abstract class SendTarget : IDisposable
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, DateTime> _seenMessageIds = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTime SeenAtUtc)> _seenOrder = new();
    private readonly bool _requiresDuplicateDetection;
    private readonly TimeSpan _duplicateWindow;
    private long _sequence;

    protected SendTarget(string name, bool requiresDuplicateDetection, TimeSpan duplicateWindow, TimeProvider time)
    {
        Name = name;
        _requiresDuplicateDetection = requiresDuplicateDetection;
        _duplicateWindow = duplicateWindow;
        Time = time;
    }

    public string Name { get; }

    protected TimeProvider Time { get; }

    /// <summary>Accepts a message: enqueues it now or at its scheduled time. Returns false for a duplicate.</summary>
    public bool Send(MessageContent content)
    {
        DateTime now = Time.GetUtcNow().UtcDateTime;
        if (IsDuplicate(content.MessageId, now))
        {
            return false;
        }

        long sequenceNumber = Interlocked.Increment(ref _sequence);
        if (content.ScheduledEnqueueTimeUtc is DateTime enqueueAt && enqueueAt > now)
        {
            Schedule(content, sequenceNumber, enqueueAt);
        }
        else
        {
            Deliver(content, sequenceNumber, now);
        }

        return true;
    }

    /// <summary>
    /// Schedules a message for <paramref name="enqueueAtUtc"/> (the management schedule-message operation)
    /// and returns its sequence number. A duplicate gets a number but is not enqueued.
    /// </summary>
    public long ScheduleAt(MessageContent content, DateTime enqueueAtUtc)
    {
        DateTime now = Time.GetUtcNow().UtcDateTime;
        long sequenceNumber = Interlocked.Increment(ref _sequence);
        if (IsDuplicate(content.MessageId, now))
        {
            return sequenceNumber;
        }

        if (enqueueAtUtc > now)
        {
            Schedule(content, sequenceNumber, enqueueAtUtc);
        }
        else
        {
            Deliver(content, sequenceNumber, now);
        }

        return sequenceNumber;
    }

    public abstract bool CancelScheduled(long sequenceNumber);

    public virtual void Dispose()
    {
    }

    protected abstract void Deliver(MessageContent content, long sequenceNumber, DateTime enqueuedTimeUtc);

    protected abstract void Schedule(MessageContent content, long sequenceNumber, DateTime enqueueAtUtc);

    private bool IsDuplicate(string? messageId, DateTime now)
    {
        if (!_requiresDuplicateDetection || messageId is null)
        {
            return false;
        }

        lock (_sync)
        {
            while (_seenOrder.TryPeek(out (string MessageId, DateTime SeenAtUtc) oldest) && oldest.SeenAtUtc + _duplicateWindow <= now)
            {
                _seenOrder.Dequeue();
                if (_seenMessageIds.TryGetValue(oldest.MessageId, out DateTime seenAt) && seenAt == oldest.SeenAtUtc)
                {
                    _seenMessageIds.Remove(oldest.MessageId);
                }
            }

            if (_seenMessageIds.ContainsKey(messageId))
            {
                return true;
            }

            _seenMessageIds[messageId] = now;
            _seenOrder.Enqueue((messageId, now));
            return false;
        }
    }
}
