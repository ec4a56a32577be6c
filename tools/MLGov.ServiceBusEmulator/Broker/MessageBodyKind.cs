namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>Which AMQP body sections a message carries.</summary>
internal enum MessageBodyKind
{
    None,
    Data,
    Value,
    Sequence,
}
