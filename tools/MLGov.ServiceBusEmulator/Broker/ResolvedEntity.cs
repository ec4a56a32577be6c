namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>What an AMQP address names: a store to receive from and/or a target to send to.</summary>
/// <param name="Path">Normalised entity path.</param>
/// <param name="Store">Store for receivers and management (null for a topic).</param>
/// <param name="Target">Entity senders address (null for subscriptions and dead-letter queues).</param>
internal sealed record ResolvedEntity(string Path, MessageStore? Store, SendTarget? Target);
