namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>A topic subscription: its rules and its own store.</summary>
internal sealed class SubscriptionEntity : IDisposable
{
    private readonly IReadOnlyList<CorrelationRule> _rules;

    public SubscriptionEntity(string topicName, string name, IReadOnlyList<CorrelationRule> rules, MessageStore store, MessageStore transferDeadLetterQueue)
    {
        TopicName = topicName;
        Name = name;
        _rules = rules;
        Store = store;
        TransferDeadLetterQueue = transferDeadLetterQueue;
    }

    public string TopicName { get; }

    public string Name { get; }

    public MessageStore Store { get; }

    public MessageStore DeadLetterQueue => Store.DeadLetterQueue!;

    public MessageStore TransferDeadLetterQueue { get; }

    /// <summary>No rules means every message (the default TrueFilter rule); otherwise any matching rule.</summary>
    public bool Accepts(MessageContent content)
    {
        if (_rules.Count == 0)
        {
            return true;
        }

        foreach (CorrelationRule rule in _rules)
        {
            if (rule.Matches(content))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        Store.Dispose();
        DeadLetterQueue.Dispose();
        TransferDeadLetterQueue.Dispose();
    }
}
