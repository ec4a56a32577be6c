using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>
/// Acts on one event type received through one subscription. Register with
/// <c>services.AddEventHandler&lt;TEvent, THandler&gt;("subscription")</c>; one instance per message (scoped).
/// A handler that changes table state adds <see cref="InboxBatchExtensions.RecordInbox"/> to the
/// same partition batch, so a redelivered event cannot change anything twice. Throw a
/// <c>DomainException</c> (validation, not found, conflict, forbidden) when the event can never be
/// handled: the message is dead-lettered. Anything else is treated as transient and retried.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It handles integration events; not a .NET event delegate.")]
public interface IEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    /// <param name="data">The event's data, already checked against its schema.</param>
    /// <param name="context">The envelope and delivery.</param>
    /// <param name="cancellationToken">Cancelled when the consumer stops.</param>
    Task HandleAsync(TEvent data, EventContext context, CancellationToken cancellationToken);
}
