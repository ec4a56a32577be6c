namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>A queue: senders and receivers share one store.</summary>
internal sealed class QueueEntity : SendTarget
{
    public QueueEntity(
        string name,
        MessageStore store,
        MessageStore transferDeadLetterQueue,
        bool requiresDuplicateDetection,
        TimeSpan duplicateWindow,
        TimeProvider time)
        : base(name, requiresDuplicateDetection, duplicateWindow, time)
    {
        Store = store;
        TransferDeadLetterQueue = transferDeadLetterQueue;
    }

    public MessageStore Store { get; }

    public MessageStore DeadLetterQueue => Store.DeadLetterQueue!;

    public MessageStore TransferDeadLetterQueue { get; }

    public override bool CancelScheduled(long sequenceNumber) => Store.CancelScheduled(sequenceNumber);

    public override void Dispose()
    {
        base.Dispose();
        Store.Dispose();
        DeadLetterQueue.Dispose();
        TransferDeadLetterQueue.Dispose();
    }

    protected override void Deliver(MessageContent content, long sequenceNumber, DateTime enqueuedTimeUtc) =>
        Store.Enqueue(new StoredMessage(content, sequenceNumber, enqueuedTimeUtc));

    protected override void Schedule(MessageContent content, long sequenceNumber, DateTime enqueueAtUtc) =>
        Store.AddScheduled(new StoredMessage(content, sequenceNumber, enqueueAtUtc), enqueueAtUtc);
}
