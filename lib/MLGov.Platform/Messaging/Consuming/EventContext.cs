using Azure.Messaging.ServiceBus;
using CloudNative.CloudEvents;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>The envelope of the event being handled and where it came from.</summary>
public sealed class EventContext
{
    private readonly List<(PartitionBatch Batch, string RowKey)> _inboxRows = [];

    internal EventContext(CloudEvent cloudEvent, ServiceBusReceivedMessage message, ServiceBusEntity subscription)
    {
        EventId = cloudEvent.Id!;
        EventType = cloudEvent.Type!;
        Source = cloudEvent.Source!.OriginalString;
        Subject = cloudEvent.Subject;
        Time = cloudEvent.Time;
        MessageId = message.MessageId;
        DeliveryCount = message.DeliveryCount;
        Subscription = subscription;
    }

    public string EventId { get; }

    public string EventType { get; }

    public string Source { get; }

    public string? Subject { get; }

    public DateTimeOffset? Time { get; }

    public string MessageId { get; }

    /// <summary>1 on the first delivery.</summary>
    public int DeliveryCount { get; }

    public ServiceBusEntity Subscription { get; }

    /// <summary>The name inbox rows are kept under: {topic}.{subscription}.</summary>
    public string Consumer => Subscription.QueueOrTopic + "." + Subscription.Subscription;

    internal void AddInboxRow(PartitionBatch batch, string rowKey) => _inboxRows.Add((batch, rowKey));

    /// <summary>Whether an inbox row this handler tried to write already exists: the event was handled before.</summary>
    internal async Task<bool> WasHandledBeforeAsync(CancellationToken cancellationToken)
    {
        foreach (var (batch, rowKey) in _inboxRows)
        {
            if (await batch.ExistsAsync(rowKey, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
