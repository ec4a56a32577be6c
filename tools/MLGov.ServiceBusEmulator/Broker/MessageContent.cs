using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>
/// What a sender sent, captured once and never changed: body, header fields, properties, annotations and the
/// original application properties. Subscriptions and redeliveries share one instance.
/// </summary>
internal sealed class MessageContent
{
    public required MessageBodyKind BodyKind { get; init; }

    public IReadOnlyList<byte[]> DataSections { get; init; } = [];

    public object? ValueBody { get; init; }

    public IReadOnlyList<System.Collections.IList> SequenceSections { get; init; } = [];

    public bool? Durable { get; init; }

    public byte? Priority { get; init; }

    /// <summary>Header ttl in milliseconds, as the sender set it.</summary>
    public uint? TimeToLiveMilliseconds { get; init; }

    public bool? FirstAcquirer { get; init; }

    /// <summary>A private copy of the sender's properties section; read only after capture.</summary>
    public required Properties Properties { get; init; }

    /// <summary>Sender's message annotations, without the ones the broker sets.</summary>
    public IReadOnlyList<KeyValuePair<MapKey, object?>> Annotations { get; init; } = [];

    public IReadOnlyList<KeyValuePair<MapKey, object?>> ApplicationProperties { get; init; } = [];

    /// <summary>From <c>x-opt-scheduled-enqueue-time</c>, when the sender set it.</summary>
    public DateTime? ScheduledEnqueueTimeUtc { get; init; }

    public long BodySize { get; init; }

    public string? MessageId => Properties.MessageId?.ToString();

    public TimeSpan? TimeToLive => TimeToLiveMilliseconds is uint ms ? TimeSpan.FromMilliseconds(ms) : null;
}
