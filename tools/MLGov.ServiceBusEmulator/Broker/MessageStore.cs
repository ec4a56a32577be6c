using Microsoft.Extensions.Logging;

namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>
/// The messages of one queue, subscription or dead-letter queue: ordered by sequence number, with peek-locks,
/// lock expiry, deferral, scheduled activation, time-to-live and dead-lettering. One lock guards the state;
/// nothing outside the broker (no network I/O, no consumer) is called while it is held.
/// </summary>
internal sealed partial class MessageStore : IDisposable
{
    public const string MaxDeliveryCountExceededReason = "MaxDeliveryCountExceeded";
    public const string TimeToLiveExpiredReason = "TTLExpiredException";
    public const string DeadLetterReasonProperty = "DeadLetterReason";
    public const string DeadLetterErrorDescriptionProperty = "DeadLetterErrorDescription";

    private readonly Lock _sync = new();
    private readonly SortedDictionary<long, StoredMessage> _messages = [];
    private readonly SortedSet<long> _available = [];
    private readonly Dictionary<Guid, StoredMessage> _locked = [];
    private readonly DeadlineQueue<Guid> _lockExpiry;
    private readonly DeadlineQueue<long> _messageExpiry;
    private readonly DeadlineQueue<long> _activation;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _assignsSequenceNumbers;
    private IMessageConsumer[] _consumers = [];
    private int _nextConsumer;
    private long _sequence;
    private volatile int _availableCount;

    public MessageStore(string path, EntitySettings settings, MessageStore? deadLetterQueue, TimeProvider time, ILogger logger)
    {
        Path = path;
        Settings = settings;
        DeadLetterQueue = deadLetterQueue;
        _time = time;
        _logger = logger;
        _assignsSequenceNumbers = deadLetterQueue is null;
        _lockExpiry = new DeadlineQueue<Guid>(time, OnLocksDue, OnTimerFailed);
        _messageExpiry = new DeadlineQueue<long>(time, OnExpiryDue, OnTimerFailed);
        _activation = new DeadlineQueue<long>(time, OnActivationDue, OnTimerFailed);
    }

    /// <summary>Entity path, e.g. <c>orders</c>, <c>events/Subscriptions/audit/$DeadLetterQueue</c>.</summary>
    public string Path { get; }

    public EntitySettings Settings { get; }

    /// <summary>Where dead-lettered messages go; null for a dead-letter queue itself.</summary>
    public MessageStore? DeadLetterQueue { get; }

    public bool HasAvailableMessages => _availableCount > 0;

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    public void AddConsumer(IMessageConsumer consumer)
    {
        lock (_sync)
        {
            _consumers = [.. _consumers, consumer];
        }
    }

    public void RemoveConsumer(IMessageConsumer consumer)
    {
        lock (_sync)
        {
            _consumers = Array.FindAll(_consumers, c => !ReferenceEquals(c, consumer));
        }
    }

    /// <summary>Adds an active message (its sequence number set by the sending entity, or here for a dead-letter queue).</summary>
    public void Enqueue(StoredMessage message)
    {
        List<StoredMessage>? deadLetters = null;
        DateTime now = UtcNow;
        lock (_sync)
        {
            if (_assignsSequenceNumbers)
            {
                message.SequenceNumber = ++_sequence;
            }

            message.State = MessageState.Active;
            message.ExpiresAtUtc = ComputeExpiry(message);
            if (message.ExpiresAtUtc <= now)
            {
                Expire(message, ref deadLetters);
            }
            else
            {
                _messages[message.SequenceNumber] = message;
                MakeAvailable(message);
                if (message.ExpiresAtUtc != DateTime.MaxValue)
                {
                    _messageExpiry.Schedule(message.SequenceNumber, message.ExpiresAtUtc);
                    PruneDeadlines();
                }
            }
        }

        ForwardDeadLetters(deadLetters);
        NotifyConsumers();
    }

    /// <summary>Holds a message back until <paramref name="enqueueAtUtc"/>; peek shows it as Scheduled.</summary>
    public void AddScheduled(StoredMessage message, DateTime enqueueAtUtc)
    {
        lock (_sync)
        {
            message.State = MessageState.Scheduled;
            message.ScheduledEnqueueTimeUtc = enqueueAtUtc;
            _messages[message.SequenceNumber] = message;
        }

        _activation.Schedule(message.SequenceNumber, enqueueAtUtc);
    }

    public bool CancelScheduled(long sequenceNumber)
    {
        lock (_sync)
        {
            if (_messages.TryGetValue(sequenceNumber, out StoredMessage? message) && message.State == MessageState.Scheduled)
            {
                _messages.Remove(sequenceNumber);
                return true;
            }

            return false;
        }
    }

    /// <summary>
    /// Takes the next active message for a receiver: locks it (peek-lock) or removes it (receive-and-delete).
    /// Returns null when none is available. <paramref name="holder"/> is told when the lock ends.
    /// </summary>
    public MessageSnapshot? TryAcquire(bool receiveAndDelete, IMessageConsumer? holder = null)
    {
        if (!HasAvailableMessages)
        {
            return null;
        }

        List<StoredMessage>? deadLetters = null;
        MessageSnapshot? acquired = null;
        DateTime now = UtcNow;
        lock (_sync)
        {
            while (_available.Count > 0)
            {
                long sequenceNumber = _available.Min;
                RemoveAvailable(sequenceNumber);
                StoredMessage message = _messages[sequenceNumber];
                if (message.ExpiresAtUtc <= now)
                {
                    _messages.Remove(sequenceNumber);
                    Expire(message, ref deadLetters);
                    continue;
                }

                acquired = Deliver(message, receiveAndDelete, now, holder);
                break;
            }
        }

        ForwardDeadLetters(deadLetters);
        return acquired;
    }

    public SettleResult Complete(Guid lockToken)
    {
        IMessageConsumer? holder;
        lock (_sync)
        {
            if (!TryTakeLock(lockToken, out StoredMessage? message, out holder))
            {
                return SettleResult.LockLost;
            }

            _messages.Remove(message.SequenceNumber);
        }

        holder?.OnLockEnded(lockToken);
        return SettleResult.Ok;
    }

    /// <summary>Unlocks for redelivery; dead-letters instead when the delivery limit is reached.</summary>
    public SettleResult Abandon(Guid lockToken, IReadOnlyCollection<KeyValuePair<string, object?>>? propertiesToModify)
    {
        List<StoredMessage>? deadLetters = null;
        IMessageConsumer? holder;
        lock (_sync)
        {
            if (!TryTakeLock(lockToken, out StoredMessage? message, out holder))
            {
                return SettleResult.LockLost;
            }

            if (propertiesToModify is { Count: > 0 })
            {
                message.ModifyApplicationProperties(propertiesToModify);
            }

            ReturnToQueue(message, UtcNow, ref deadLetters);
        }

        holder?.OnLockEnded(lockToken);
        ForwardDeadLetters(deadLetters);
        NotifyConsumers();
        return SettleResult.Ok;
    }

    /// <summary>Unlocks without counting the delivery (AMQP released: a prefetched message the receiver gave back).</summary>
    public SettleResult Release(Guid lockToken)
    {
        List<StoredMessage>? deadLetters = null;
        IMessageConsumer? holder;
        lock (_sync)
        {
            if (!TryTakeLock(lockToken, out StoredMessage? message, out holder))
            {
                return SettleResult.LockLost;
            }

            message.DeliveryCount = Math.Max(0, message.DeliveryCount - 1);
            ReturnToQueue(message, UtcNow, ref deadLetters);
        }

        holder?.OnLockEnded(lockToken);
        ForwardDeadLetters(deadLetters);
        NotifyConsumers();
        return SettleResult.Ok;
    }

    public SettleResult DeadLetter(
        Guid lockToken,
        string? reason,
        string? description,
        IReadOnlyCollection<KeyValuePair<string, object?>>? propertiesToModify)
    {
        StoredMessage? deadLetter;
        IMessageConsumer? holder;
        lock (_sync)
        {
            if (!TryTakeLock(lockToken, out StoredMessage? message, out holder))
            {
                return SettleResult.LockLost;
            }

            _messages.Remove(message.SequenceNumber);
            deadLetter = DeadLetterQueue is null ? null : CreateDeadLetter(message, reason, description, propertiesToModify);
        }

        holder?.OnLockEnded(lockToken);
        if (deadLetter is not null)
        {
            DeadLetterQueue!.Enqueue(deadLetter);
        }

        return SettleResult.Ok;
    }

    public SettleResult Defer(Guid lockToken, IReadOnlyCollection<KeyValuePair<string, object?>>? propertiesToModify)
    {
        IMessageConsumer? holder;
        lock (_sync)
        {
            if (!TryTakeLock(lockToken, out StoredMessage? message, out holder))
            {
                return SettleResult.LockLost;
            }

            if (propertiesToModify is { Count: > 0 })
            {
                message.ModifyApplicationProperties(propertiesToModify);
            }

            message.State = MessageState.Deferred;
        }

        holder?.OnLockEnded(lockToken);
        return SettleResult.Ok;
    }

    public SettleResult RenewLock(Guid lockToken, out DateTime lockedUntilUtc)
    {
        DateTime now = UtcNow;
        lock (_sync)
        {
            if (_locked.TryGetValue(lockToken, out StoredMessage? message) && message.LockedUntilUtc > now)
            {
                message.LockedUntilUtc = now + Settings.LockDuration;
                lockedUntilUtc = message.LockedUntilUtc;
                _lockExpiry.Schedule(lockToken, lockedUntilUtc);
                return SettleResult.Ok;
            }
        }

        lockedUntilUtc = default;
        return SettleResult.LockLost;
    }

    /// <summary>Messages from a sequence number on, without locking them (active, locked, deferred and scheduled).</summary>
    public IReadOnlyList<MessageSnapshot> Peek(long fromSequenceNumber, int maxCount)
    {
        var result = new List<MessageSnapshot>(Math.Clamp(maxCount, 0, 256));
        DateTime now = UtcNow;
        lock (_sync)
        {
            foreach ((long sequenceNumber, StoredMessage message) in _messages)
            {
                if (result.Count >= maxCount)
                {
                    break;
                }

                if (sequenceNumber >= fromSequenceNumber && (message.ExpiresAtUtc > now || message.IsLocked))
                {
                    result.Add(message.Snapshot());
                }
            }
        }

        return result;
    }

    /// <summary>Receives deferred messages by sequence number; unknown or non-deferred numbers are skipped.</summary>
    public IReadOnlyList<MessageSnapshot> ReceiveDeferred(IEnumerable<long> sequenceNumbers, bool receiveAndDelete)
    {
        var result = new List<MessageSnapshot>();
        DateTime now = UtcNow;
        lock (_sync)
        {
            foreach (long sequenceNumber in sequenceNumbers)
            {
                if (_messages.TryGetValue(sequenceNumber, out StoredMessage? message)
                    && message.State == MessageState.Deferred
                    && !message.IsLocked)
                {
                    result.Add(Deliver(message, receiveAndDelete, now, holder: null));
                }
            }
        }

        return result;
    }

    public (int Active, int Locked, int Deferred, int Scheduled) GetCounts()
    {
        lock (_sync)
        {
            int deferred = 0;
            int scheduled = 0;
            foreach (StoredMessage message in _messages.Values)
            {
                if (message.State == MessageState.Scheduled)
                {
                    scheduled++;
                }
                else if (message.State == MessageState.Deferred && !message.IsLocked)
                {
                    deferred++;
                }
            }

            return (_available.Count, _locked.Count, deferred, scheduled);
        }
    }

    /// <summary>Drops every message (admin use).</summary>
    public int Purge()
    {
        var endedLocks = new List<(IMessageConsumer Holder, Guid LockToken)>();
        int count;
        lock (_sync)
        {
            count = _messages.Count;
            foreach ((Guid lockToken, StoredMessage message) in _locked)
            {
                if (EndLock(message) is { } holder)
                {
                    endedLocks.Add((holder, lockToken));
                }
            }

            _messages.Clear();
            _available.Clear();
            _locked.Clear();
            _availableCount = 0;
        }

        TellHolders(endedLocks);
        return count;
    }

    public void Dispose()
    {
        _lockExpiry.Dispose();
        _messageExpiry.Dispose();
        _activation.Dispose();
    }

    private MessageSnapshot Deliver(StoredMessage message, bool receiveAndDelete, DateTime now, IMessageConsumer? holder)
    {
        message.DeliveryCount++;
        if (receiveAndDelete)
        {
            _messages.Remove(message.SequenceNumber);
            return message.Snapshot();
        }

        message.LockToken = Guid.NewGuid();
        message.LockedUntilUtc = now + Settings.LockDuration;
        message.LockHolder = holder;
        _locked.Add(message.LockToken, message);
        _lockExpiry.Schedule(message.LockToken, message.LockedUntilUtc);
        PruneDeadlines();
        return message.Snapshot();
    }

    /// <summary>
    /// Deadlines of settled messages stay queued until due (days, for a long time to live); once they
    /// outnumber live ones by far, drop them. Amortised O(1) per message. Called under the lock.
    /// </summary>
    private void PruneDeadlines()
    {
        const int threshold = 4096;
        int expiries = _messageExpiry.Count;
        if (expiries > threshold && expiries > 2 * _messages.Count)
        {
            _messageExpiry.Prune(_messages.ContainsKey);
        }

        int locks = _lockExpiry.Count;
        if (locks > threshold && locks > 2 * _locked.Count)
        {
            _lockExpiry.Prune(_locked.ContainsKey);
        }
    }

    private bool TryTakeLock(Guid lockToken, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StoredMessage? message, out IMessageConsumer? holder)
    {
        // A lock past its time is lost even if the expiry timer has not run yet.
        if (!_locked.TryGetValue(lockToken, out message) || message.LockedUntilUtc <= UtcNow)
        {
            message = null;
            holder = null;
            return false;
        }

        _locked.Remove(lockToken);
        holder = EndLock(message);
        return true;
    }

    /// <summary>Clears a message's lock (under the lock) and returns its holder, to be told outside the lock.</summary>
    private static IMessageConsumer? EndLock(StoredMessage message)
    {
        IMessageConsumer? holder = message.LockHolder;
        message.LockToken = Guid.Empty;
        message.LockHolder = null;
        return holder;
    }

    private void ReturnToQueue(StoredMessage message, DateTime now, ref List<StoredMessage>? deadLetters)
    {
        if (message.State == MessageState.Deferred)
        {
            return;
        }

        if (message.DeliveryCount >= Settings.MaxDeliveryCount && DeadLetterQueue is not null)
        {
            _messages.Remove(message.SequenceNumber);
            LogMaxDeliveryCount(_logger, Path, message.SequenceNumber, message.DeliveryCount);
            (deadLetters ??= []).Add(CreateDeadLetter(
                message,
                MaxDeliveryCountExceededReason,
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.",
                null));
        }
        else if (message.ExpiresAtUtc <= now)
        {
            _messages.Remove(message.SequenceNumber);
            Expire(message, ref deadLetters);
        }
        else
        {
            MakeAvailable(message);
        }
    }

    private void Expire(StoredMessage message, ref List<StoredMessage>? deadLetters)
    {
        if (Settings.DeadLetteringOnMessageExpiration && DeadLetterQueue is not null)
        {
            LogExpired(_logger, Path, message.SequenceNumber, "dead-lettered");
            (deadLetters ??= []).Add(CreateDeadLetter(
                message,
                TimeToLiveExpiredReason,
                "The message expired and was dead lettered.",
                null));
        }
        else
        {
            LogExpired(_logger, Path, message.SequenceNumber, "dropped");
        }
    }

    private static StoredMessage CreateDeadLetter(
        StoredMessage message,
        string? reason,
        string? description,
        IReadOnlyCollection<KeyValuePair<string, object?>>? propertiesToModify)
    {
        StoredMessage copy = message.CopyForDeadLetter();
        var changes = new List<KeyValuePair<string, object?>>();
        if (propertiesToModify is not null)
        {
            changes.AddRange(propertiesToModify);
        }

        if (reason is not null)
        {
            changes.Add(new(DeadLetterReasonProperty, reason));
        }

        if (description is not null)
        {
            changes.Add(new(DeadLetterErrorDescriptionProperty, description));
        }

        if (changes.Count > 0)
        {
            copy.ModifyApplicationProperties(changes);
        }

        return copy;
    }

    private void ForwardDeadLetters(List<StoredMessage>? deadLetters)
    {
        if (deadLetters is null || DeadLetterQueue is null)
        {
            return;
        }

        foreach (StoredMessage deadLetter in deadLetters)
        {
            DeadLetterQueue.Enqueue(deadLetter);
        }
    }

    private DateTime ComputeExpiry(StoredMessage message)
    {
        if (!Settings.HonorsMessageTimeToLive)
        {
            return DateTime.MaxValue;
        }

        TimeSpan timeToLive = Settings.DefaultMessageTimeToLive;
        if (message.Content.TimeToLive is TimeSpan own && own < timeToLive)
        {
            timeToLive = own;
        }

        if (timeToLive == TimeSpan.MaxValue || DateTime.MaxValue - message.EnqueuedTimeUtc <= timeToLive)
        {
            return DateTime.MaxValue;
        }

        return message.EnqueuedTimeUtc + timeToLive;
    }

    private void MakeAvailable(StoredMessage message)
    {
        if (_available.Add(message.SequenceNumber))
        {
            _availableCount = _available.Count;
        }
    }

    private void RemoveAvailable(long sequenceNumber)
    {
        _available.Remove(sequenceNumber);
        _availableCount = _available.Count;
    }

    private void NotifyConsumers()
    {
        IMessageConsumer[] consumers = Volatile.Read(ref _consumers);
        if (consumers.Length == 0 || !HasAvailableMessages)
        {
            return;
        }

        int start = (int)((uint)Interlocked.Increment(ref _nextConsumer) % (uint)consumers.Length);
        for (int i = 0; i < consumers.Length && HasAvailableMessages; i++)
        {
            consumers[(start + i) % consumers.Length].OnMessagesAvailable();
        }
    }

    private void OnLocksDue(IReadOnlyList<Guid> lockTokens)
    {
        List<StoredMessage>? deadLetters = null;
        List<(IMessageConsumer Holder, Guid LockToken)>? endedLocks = null;
        DateTime now = UtcNow;
        lock (_sync)
        {
            foreach (Guid lockToken in lockTokens)
            {
                if (_locked.TryGetValue(lockToken, out StoredMessage? message) && message.LockedUntilUtc <= now)
                {
                    _locked.Remove(lockToken);
                    if (EndLock(message) is { } holder)
                    {
                        (endedLocks ??= []).Add((holder, lockToken));
                    }

                    LogLockExpired(_logger, Path, message.SequenceNumber);
                    ReturnToQueue(message, now, ref deadLetters);
                }
            }
        }

        // Holders first: a receiver settles its expired deliveries on the link, which is what lets the client
        // send fresh credit for the messages made available again below.
        TellHolders(endedLocks);
        ForwardDeadLetters(deadLetters);
        NotifyConsumers();
    }

    private static void TellHolders(List<(IMessageConsumer Holder, Guid LockToken)>? endedLocks)
    {
        if (endedLocks is null)
        {
            return;
        }

        foreach ((IMessageConsumer holder, Guid lockToken) in endedLocks)
        {
            holder.OnLockEnded(lockToken);
        }
    }

    private void OnExpiryDue(IReadOnlyList<long> sequenceNumbers)
    {
        List<StoredMessage>? deadLetters = null;
        DateTime now = UtcNow;
        lock (_sync)
        {
            foreach (long sequenceNumber in sequenceNumbers)
            {
                if (_messages.TryGetValue(sequenceNumber, out StoredMessage? message)
                    && message.State == MessageState.Active
                    && !message.IsLocked
                    && message.ExpiresAtUtc <= now)
                {
                    _messages.Remove(sequenceNumber);
                    RemoveAvailable(sequenceNumber);
                    Expire(message, ref deadLetters);
                }
            }
        }

        ForwardDeadLetters(deadLetters);
    }

    private void OnActivationDue(IReadOnlyList<long> sequenceNumbers)
    {
        List<StoredMessage>? deadLetters = null;
        DateTime now = UtcNow;
        lock (_sync)
        {
            foreach (long sequenceNumber in sequenceNumbers)
            {
                if (!_messages.TryGetValue(sequenceNumber, out StoredMessage? message) || message.State != MessageState.Scheduled)
                {
                    continue;
                }

                message.State = MessageState.Active;
                message.EnqueuedTimeUtc = now;
                message.ExpiresAtUtc = ComputeExpiry(message);
                if (message.ExpiresAtUtc <= now)
                {
                    _messages.Remove(sequenceNumber);
                    Expire(message, ref deadLetters);
                    continue;
                }

                MakeAvailable(message);
                if (message.ExpiresAtUtc != DateTime.MaxValue)
                {
                    _messageExpiry.Schedule(sequenceNumber, message.ExpiresAtUtc);
                }
            }
        }

        ForwardDeadLetters(deadLetters);
        NotifyConsumers();
    }

    private void OnTimerFailed(Exception exception) => LogTimerFailed(_logger, exception, Path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path}: a lock, expiry or schedule timer failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: message {SequenceNumber} expired and was {Outcome}")]
    private static partial void LogExpired(ILogger logger, string path, long sequenceNumber, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: lock on message {SequenceNumber} expired")]
    private static partial void LogLockExpired(ILogger logger, string path, long sequenceNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: message {SequenceNumber} dead-lettered after {DeliveryCount} deliveries")]
    private static partial void LogMaxDeliveryCount(ILogger logger, string path, long sequenceNumber, int deliveryCount);
}
