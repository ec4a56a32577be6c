namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>
/// A correlation filter: every property that is set must equal the message's (ordinal, case-sensitive),
/// as in Azure Service Bus. Unset properties are not compared.
/// </summary>
public sealed record CorrelationFilterDefinition
{
    /// <summary>Compared with the message Subject (AMQP subject, the former Label).</summary>
    public string? Subject { get; init; }

    /// <summary>Alias of <see cref="Subject"/> as the Service Bus emulator config names it.</summary>
    public string? Label { get; init; }

    /// <summary>Compared with CorrelationId.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Compared with MessageId.</summary>
    public string? MessageId { get; init; }

    /// <summary>Compared with To.</summary>
    public string? To { get; init; }

    /// <summary>Compared with ReplyTo.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Compared with SessionId.</summary>
    public string? SessionId { get; init; }

    /// <summary>Compared with ReplyToSessionId.</summary>
    public string? ReplyToSessionId { get; init; }

    /// <summary>Compared with ContentType.</summary>
    public string? ContentType { get; init; }

    /// <summary>Application properties that must be present with equal values (compared as invariant strings).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
