namespace MLGov.Core.Events;

/// <summary>
/// The data schema of one versioned event type that an app publishes for the others. The record is
/// the CloudEvents 1.0 <c>data</c>; the type name and topic are static, so publishing and consuming
/// are checked by the compiler. A breaking change is a new record with the next version suffix
/// (<c>...v2</c>), never an edit of a published one; adding an optional member is not breaking.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The CloudEvents <c>type</c>, for example <c>com.mlgov.risk.sla.breached.v1</c>; also the Service Bus Subject.</summary>
    static abstract string EventType { get; }

    /// <summary>The topic the event is published to (the publisher's <c>{app}-events</c>).</summary>
    static abstract string Topic { get; }

    /// <summary>What the event is about, the CloudEvents <c>subject</c> (for example <c>incidents/inc-7</c>).</summary>
    string Subject { get; }

    /// <summary>Rules beyond what JSON deserialization checks (ranges, formats); empty when the event is valid.</summary>
    IEnumerable<string> Validate();
}
