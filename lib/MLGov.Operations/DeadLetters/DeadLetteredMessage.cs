using MLGov.Platform.Messaging;
namespace MLGov.Operations.DeadLetters;

/// <summary>A message in a dead-letter queue, as an operator sees it.</summary>
public sealed record DeadLetteredMessage(
    long SequenceNumber,
    string MessageId,
    string? Subject,
    string? Reason,
    string? Description,
    DateTimeOffset EnqueuedTime,
    int DeliveryCount,
    string? EventId,
    string? LastError);
