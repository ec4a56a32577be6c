namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>
/// The queues and topics a namespace holds, as written in <c>infra/servicebus/topology.json</c>.
/// </summary>
public sealed record ServiceBusTopology
{
    /// <summary>Queues of the namespace.</summary>
    public IReadOnlyList<QueueDefinition> Queues { get; init; } = [];

    /// <summary>Topics of the namespace, each with its subscriptions.</summary>
    public IReadOnlyList<TopicDefinition> Topics { get; init; } = [];
}
