namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>A topic: copies each message to every subscription whose rules accept it.</summary>
internal sealed class TopicEntity : SendTarget
{
    private readonly Lock _sync = new();
    private readonly Dictionary<long, MessageContent> _scheduled = [];
    private readonly DeadlineQueue<long> _activation;

    public TopicEntity(
        string name,
        IReadOnlyList<SubscriptionEntity> subscriptions,
        bool requiresDuplicateDetection,
        TimeSpan duplicateWindow,
        TimeProvider time,
        Action<Exception> onTimerError)
        : base(name, requiresDuplicateDetection, duplicateWindow, time)
    {
        Subscriptions = subscriptions;
        _activation = new DeadlineQueue<long>(time, OnActivationDue, onTimerError);
    }

    public IReadOnlyList<SubscriptionEntity> Subscriptions { get; }

    public int ScheduledMessageCount
    {
        get
        {
            lock (_sync)
            {
                return _scheduled.Count;
            }
        }
    }

    public SubscriptionEntity? FindSubscription(string name)
    {
        foreach (SubscriptionEntity subscription in Subscriptions)
        {
            if (string.Equals(subscription.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return subscription;
            }
        }

        return null;
    }

    public override bool CancelScheduled(long sequenceNumber)
    {
        lock (_sync)
        {
            return _scheduled.Remove(sequenceNumber);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _activation.Dispose();
        foreach (SubscriptionEntity subscription in Subscriptions)
        {
            subscription.Dispose();
        }
    }

    protected override void Deliver(MessageContent content, long sequenceNumber, DateTime enqueuedTimeUtc)
    {
        foreach (SubscriptionEntity subscription in Subscriptions)
        {
            if (subscription.Accepts(content))
            {
                subscription.Store.Enqueue(new StoredMessage(content, sequenceNumber, enqueuedTimeUtc));
            }
        }
    }

    protected override void Schedule(MessageContent content, long sequenceNumber, DateTime enqueueAtUtc)
    {
        lock (_sync)
        {
            _scheduled[sequenceNumber] = content;
        }

        _activation.Schedule(sequenceNumber, enqueueAtUtc);
    }

    private void OnActivationDue(IReadOnlyList<long> sequenceNumbers)
    {
        DateTime now = Time.GetUtcNow().UtcDateTime;
        foreach (long sequenceNumber in sequenceNumbers)
        {
            MessageContent? content;
            lock (_sync)
            {
                if (!_scheduled.Remove(sequenceNumber, out content))
                {
                    continue;
                }
            }

            Deliver(content, sequenceNumber, now);
        }
    }
}
