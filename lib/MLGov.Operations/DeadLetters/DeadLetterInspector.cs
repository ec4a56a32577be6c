using MLGov.Platform.Messaging;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using MLGov.Platform.Messaging.Consuming;

namespace MLGov.Operations.DeadLetters;

/// <summary>
/// Operator access to dead-letter queues over AMQP (works against Azure and the emulator; needs
/// only the data roles): list what is there, and resubmit messages to their topic or queue.
/// </summary>
public sealed class DeadLetterInspector
{
    /// <summary>Application property on a resubmitted copy: the dead-letter queue and sequence number it came from.</summary>
    public const string ResubmittedFromProperty = "mlgov-resubmitted-from";

    /// <summary>Application property on a resubmitted copy: how many times the message has been resubmitted.</summary>
    public const string ResubmitCountProperty = "mlgov-resubmit-count";

    private const string DeadLetterReasonProperty = "DeadLetterReason";
    private const string DeadLetterDescriptionProperty = "DeadLetterErrorDescription";
    private const int Page = 100;
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(2);

    private readonly ServiceBusClient _client;

    public DeadLetterInspector(ServiceBusClient client)
    {
        _client = client;
    }

    /// <summary>The first <paramref name="max"/> dead-lettered messages of an entity, by peeking (nothing is locked or removed).</summary>
    public async Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(ServiceBusEntity entity, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var receiver = CreateDeadLetterReceiver(entity);
        await using (receiver.ConfigureAwait(false))
        {
            var messages = new List<DeadLetteredMessage>();
            long next = 0;
            while (messages.Count < max)
            {
                var page = await receiver.PeekMessagesAsync(Math.Min(Page, max - messages.Count), next, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                messages.AddRange(page.Select(Describe));
                next = page[^1].SequenceNumber + 1;
            }

            return messages;
        }
    }

    /// <summary>
    /// Sends a copy of each chosen dead-lettered message (all present now when <paramref name="sequenceNumbers"/>
    /// is null) to the entity's topic or queue, then completes the dead-lettered one. The copy keeps body
    /// and properties (so consumers' inboxes still recognise the event) but gets a new message id
    /// ({event id}~r{n}), so the topic's duplicate detection does not drop it; it reaches every
    /// subscription of the topic again, whose inboxes ignore events they handled. A crash between
    /// send and complete leaves the dead letter, and resubmitting it again reuses the same id.
    /// </summary>
    public async Task<ResubmitResult> ResubmitAsync(ServiceBusEntity entity, IReadOnlyCollection<long>? sequenceNumbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var wanted = sequenceNumbers is null
            ? (await ListAsync(entity, 1000, cancellationToken).ConfigureAwait(false)).Select(m => m.SequenceNumber).ToHashSet()
            : sequenceNumbers.ToHashSet();
        var requested = wanted.ToList();
        var resubmitted = new Dictionary<long, string>();
        var held = new List<ServiceBusReceivedMessage>();
        var receiver = CreateDeadLetterReceiver(entity, ServiceBusReceiveMode.PeekLock);
        var sender = _client.CreateSender(entity.SendTarget);
        await using (receiver.ConfigureAwait(false))
        await using (sender.ConfigureAwait(false))
        {
            try
            {
                while (wanted.Count > 0)
                {
                    var batch = await receiver.ReceiveMessagesAsync(Page, ReceiveWait, cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    foreach (var message in batch)
                    {
                        if (!wanted.Remove(message.SequenceNumber))
                        {
                            held.Add(message);
                            continue;
                        }

                        var copy = Copy(message, entity);
                        await sender.SendMessageAsync(copy, cancellationToken).ConfigureAwait(false);
                        await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                        resubmitted[message.SequenceNumber] = copy.MessageId;
                    }
                }
            }
            finally
            {
                foreach (var message in held)
                {
                    await ReleaseAsync(receiver, message).ConfigureAwait(false);
                }
            }
        }

        return new ResubmitResult(resubmitted, requested.Where(n => !resubmitted.ContainsKey(n)).Order().ToList());
    }

    private static async Task ReleaseAsync(ServiceBusReceiver receiver, ServiceBusReceivedMessage message)
    {
        try
        {
            await receiver.AbandonMessageAsync(message).ConfigureAwait(false);
        }
        catch (ServiceBusException)
        {
            // The lock expires on its own; the message stays in the dead-letter queue either way.
        }
    }

    private static DeadLetteredMessage Describe(ServiceBusReceivedMessage message) => new(
        message.SequenceNumber,
        message.MessageId,
        message.Subject,
        message.DeadLetterReason,
        message.DeadLetterErrorDescription,
        message.EnqueuedTime,
        message.DeliveryCount,
        CloudEventMessages.Attribute(message.ApplicationProperties, "id"),
        message.ApplicationProperties.TryGetValue(DeadLetterReasons.LastErrorProperty, out var error) ? error?.ToString() : null);

    private static ServiceBusMessage Copy(ServiceBusReceivedMessage message, ServiceBusEntity entity)
    {
        var count = message.ApplicationProperties.TryGetValue(ResubmitCountProperty, out var previous) && previous is int n ? n + 1 : 1;
        var baseId = CloudEventMessages.Attribute(message.ApplicationProperties, "id") ?? message.MessageId;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"~r{count}");
        var copy = new ServiceBusMessage(message)
        {
            MessageId = (baseId.Length + suffix.Length > 128 ? baseId[..(128 - suffix.Length)] : baseId) + suffix,
        };
        copy.ApplicationProperties.Remove(DeadLetterReasonProperty);
        copy.ApplicationProperties.Remove(DeadLetterDescriptionProperty);
        copy.ApplicationProperties.Remove(DeadLetterReasons.LastErrorProperty);
        copy.ApplicationProperties[ResubmitCountProperty] = count;
        copy.ApplicationProperties[ResubmittedFromProperty] = string.Create(CultureInfo.InvariantCulture, $"{entity.Path}/$DeadLetterQueue#{message.SequenceNumber}");
        return copy;
    }

    private ServiceBusReceiver CreateDeadLetterReceiver(ServiceBusEntity entity, ServiceBusReceiveMode mode = ServiceBusReceiveMode.PeekLock)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = mode, PrefetchCount = 0 };
        return entity.Subscription is null
            ? _client.CreateReceiver(entity.QueueOrTopic, options)
            : _client.CreateReceiver(entity.QueueOrTopic, entity.Subscription, options);
    }
}
