using System.Collections;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using MLGov.ServiceBusEmulator.Broker;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// Converts between AMQP messages and the broker's message model: captures what senders send (batches
/// unpacked), and builds what receivers and peekers get, with the annotations the SDK reads.
/// </summary>
internal static class AmqpMessageMapper
{
    /// <summary>Captures one transfer: a single message or, for message-format 0x80013700, every message of a batch.</summary>
    public static IReadOnlyList<MessageContent> ReadTransfer(AmqpMessage message)
    {
        if (message.MessageFormat == AmqpConstants.AmqpBatchedMessageFormat)
        {
            var contents = new List<MessageContent>();
            if ((message.BodyType & SectionFlag.Data) != 0 && message.DataBody is not null)
            {
                foreach (Data data in message.DataBody)
                {
                    contents.Add(ReadEncoded(ToArray(data.Value)));
                }
            }

            return contents;
        }

        return [Capture(message)];
    }

    /// <summary>Decodes a message encoded as bytes (batch entries, schedule-message payloads).</summary>
    public static MessageContent ReadEncoded(byte[] encoded)
    {
        using AmqpMessage message = AmqpMessage.CreateAmqpStreamMessage(
            new BufferListStream([new ArraySegment<byte>(encoded)]),
            true);
        return Capture(message);
    }

    /// <summary>Builds the message a receiver gets (delivery count as prior deliveries) or a peek returns (as is).</summary>
    public static AmqpMessage ToAmqpMessage(MessageSnapshot snapshot, bool forPeek)
    {
        MessageContent content = snapshot.Content;
        AmqpMessage message = content.BodyKind switch
        {
            MessageBodyKind.Data => AmqpMessage.Create(content.DataSections.Select(bytes => new Data { Value = new ArraySegment<byte>(bytes) }).ToList()),
            MessageBodyKind.Value => AmqpMessage.Create(new AmqpValue { Value = content.ValueBody }),
            MessageBodyKind.Sequence => AmqpMessage.Create(content.SequenceSections.Select(list => new AmqpSequence(list)).ToList()),
            _ => AmqpMessage.Create(),
        };

        Header header = message.Header;
        header.Durable = content.Durable;
        header.Priority = content.Priority;
        header.FirstAcquirer = content.FirstAcquirer;
        header.Ttl = EffectiveTtl(snapshot);
        int deliveryCount = forPeek ? snapshot.DeliveryCount : Math.Max(0, snapshot.DeliveryCount - 1);
        header.DeliveryCount = (uint)deliveryCount;

        CopyProperties(content.Properties, message.Properties);

        MessageAnnotations annotations = message.MessageAnnotations;
        foreach ((MapKey key, object? value) in content.Annotations)
        {
            annotations.Map[key] = value;
        }

        annotations.Map[ServiceBusAmqp.SequenceNumberAnnotation] = snapshot.SequenceNumber;
        annotations.Map[ServiceBusAmqp.EnqueueSequenceNumberAnnotation] = snapshot.SequenceNumber;
        annotations.Map[ServiceBusAmqp.EnqueuedTimeAnnotation] = snapshot.EnqueuedTimeUtc;
        if (snapshot.LockToken != Guid.Empty)
        {
            annotations.Map[ServiceBusAmqp.LockedUntilAnnotation] = snapshot.LockedUntilUtc;
        }

        if (snapshot.State != MessageState.Active)
        {
            annotations.Map[ServiceBusAmqp.MessageStateAnnotation] = (int)snapshot.State;
        }

        if (snapshot.ScheduledEnqueueTimeUtc is DateTime scheduled)
        {
            annotations.Map[ServiceBusAmqp.ScheduledEnqueueTimeAnnotation] = scheduled;
        }

        if (snapshot.DeadLetterSource is not null)
        {
            annotations.Map[ServiceBusAmqp.DeadLetterSourceAnnotation] = snapshot.DeadLetterSource;
        }

        if (snapshot.ApplicationProperties.Count > 0)
        {
            message.ApplicationProperties = new ApplicationProperties();
            foreach ((MapKey key, object? value) in snapshot.ApplicationProperties)
            {
                message.ApplicationProperties.Map[key] = value;
            }
        }

        return message;
    }

    /// <summary>Encodes a message as the bytes of a complete AMQP message (for management responses).</summary>
    public static byte[] Encode(AmqpMessage message)
    {
        using Stream stream = message.ToStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Copies a value decoded from a transport buffer so it outlives that buffer.</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        null => null,
        ArraySegment<byte> segment => new ArraySegment<byte>(segment.AsSpan().ToArray()),
        byte[] bytes => bytes.ToArray(),
        AmqpMap map => CopyMap(map),
        DescribedType described => new DescribedType(DeepCopy(described.Descriptor), DeepCopy(described.Value)),
        Array array when array.GetType().GetElementType() is { IsValueType: true } => array.Clone(),
        IList list => CopyList(list),
        _ => value,
    };

    private static MessageContent Capture(AmqpMessage message)
    {
        SectionFlag sections = message.Sections;
        MessageBodyKind bodyKind = MessageBodyKind.None;
        IReadOnlyList<byte[]> data = [];
        object? value = null;
        IReadOnlyList<IList> sequences = [];
        long bodySize = 0;
        if ((message.BodyType & SectionFlag.Data) != 0 && message.DataBody is not null)
        {
            bodyKind = MessageBodyKind.Data;
            data = message.DataBody.Select(d => ToArray(d.Value)).ToList();
            bodySize = data.Sum(d => (long)d.Length);
        }
        else if ((message.BodyType & SectionFlag.AmqpValue) != 0 && message.ValueBody is not null)
        {
            bodyKind = MessageBodyKind.Value;
            value = DeepCopy(message.ValueBody.Value);
        }
        else if ((message.BodyType & SectionFlag.AmqpSequence) != 0 && message.SequenceBody is not null)
        {
            bodyKind = MessageBodyKind.Sequence;
            sequences = message.SequenceBody.Select(s => (IList)CopyList(s.List)).ToList();
        }

        var properties = new Properties();
        if ((sections & SectionFlag.Properties) != 0)
        {
            CopyProperties(message.Properties, properties);
            if (properties.UserId.Array is not null)
            {
                properties.UserId = new ArraySegment<byte>(properties.UserId.AsSpan().ToArray());
            }
        }

        bool? durable = null;
        byte? priority = null;
        uint? ttl = null;
        bool? firstAcquirer = null;
        if ((sections & SectionFlag.Header) != 0)
        {
            durable = message.Header.Durable;
            priority = message.Header.Priority;
            ttl = message.Header.Ttl;
            firstAcquirer = message.Header.FirstAcquirer;
        }

        var annotations = new List<KeyValuePair<MapKey, object?>>();
        DateTime? scheduled = null;
        if ((sections & SectionFlag.MessageAnnotations) != 0)
        {
            foreach (KeyValuePair<MapKey, object> pair in message.MessageAnnotations.Map)
            {
                string key = pair.Key.ToString();
                if (key == ServiceBusAmqp.ScheduledEnqueueTimeAnnotation)
                {
                    scheduled = pair.Value is DateTime time ? time.ToUniversalTime() : null;
                    continue;
                }

                if (!ServiceBusAmqp.IsBrokerAnnotation(key))
                {
                    annotations.Add(new(pair.Key, DeepCopy(pair.Value)));
                }
            }
        }

        var applicationProperties = new List<KeyValuePair<MapKey, object?>>();
        if ((sections & SectionFlag.ApplicationProperties) != 0)
        {
            foreach (KeyValuePair<MapKey, object> pair in message.ApplicationProperties.Map)
            {
                applicationProperties.Add(new(pair.Key, DeepCopy(pair.Value)));
            }
        }

        return new MessageContent
        {
            BodyKind = bodyKind,
            DataSections = data,
            ValueBody = value,
            SequenceSections = sequences,
            Durable = durable,
            Priority = priority,
            TimeToLiveMilliseconds = ttl,
            FirstAcquirer = firstAcquirer,
            Properties = properties,
            Annotations = annotations,
            ApplicationProperties = applicationProperties,
            ScheduledEnqueueTimeUtc = scheduled,
            BodySize = bodySize,
        };
    }

    private static uint? EffectiveTtl(MessageSnapshot snapshot)
    {
        if (snapshot.ExpiresAtUtc == DateTime.MaxValue)
        {
            return snapshot.Content.TimeToLiveMilliseconds;
        }

        double milliseconds = (snapshot.ExpiresAtUtc - snapshot.EnqueuedTimeUtc).TotalMilliseconds;
        return milliseconds is >= 0 and < uint.MaxValue ? (uint)milliseconds : snapshot.Content.TimeToLiveMilliseconds;
    }

    private static void CopyProperties(Properties source, Properties target)
    {
        target.MessageId = source.MessageId;
        target.UserId = source.UserId;
        target.To = source.To;
        target.Subject = source.Subject;
        target.ReplyTo = source.ReplyTo;
        target.CorrelationId = source.CorrelationId;
        target.ContentType = source.ContentType;
        target.ContentEncoding = source.ContentEncoding;
        target.AbsoluteExpiryTime = source.AbsoluteExpiryTime;
        target.CreationTime = source.CreationTime;
        target.GroupId = source.GroupId;
        target.GroupSequence = source.GroupSequence;
        target.ReplyToGroupId = source.ReplyToGroupId;
    }

    private static byte[] ToArray(object? value) => value switch
    {
        ArraySegment<byte> segment => segment.AsSpan().ToArray(),
        byte[] bytes => bytes.ToArray(),
        null => [],
        _ => throw new AmqpException(AmqpErrorCode.DecodeError, "A data section must hold binary."),
    };

    private static AmqpMap CopyMap(AmqpMap map)
    {
        var copy = new AmqpMap();
        foreach (KeyValuePair<MapKey, object> pair in map)
        {
            copy[new MapKey(DeepCopy(pair.Key.Key))] = DeepCopy(pair.Value);
        }

        return copy;
    }

    private static List<object?> CopyList(IList list)
    {
        var copy = new List<object?>(list.Count);
        foreach (object? item in list)
        {
            copy.Add(DeepCopy(item));
        }

        return copy;
    }
}
