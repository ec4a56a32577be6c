using System.Diagnostics;
using CloudNative.CloudEvents;

namespace MLGov.Platform.Events;

/// <summary>
/// The CloudEvents Distributed Tracing extension: traceparent and tracestate (W3C Trace Context) of
/// the code that created the event, so a consumer continues the publisher's trace. They are stored
/// with the envelope in the outbox and travel as cloudEvents_traceparent / cloudEvents_tracestate.
/// </summary>
public static class EventTracing
{
    public static CloudEventAttribute TraceParentAttribute { get; } = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    public static CloudEventAttribute TraceStateAttribute { get; } = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    /// <summary>Records the span's W3C context on the envelope; nothing when there is no span or it is not W3C.</summary>
    public static CloudEvent WithTraceOf(this CloudEvent cloudEvent, Activity? span)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (span is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            cloudEvent[TraceParentAttribute] = id;
            if (!string.IsNullOrEmpty(span.TraceStateString))
            {
                cloudEvent[TraceStateAttribute] = span.TraceStateString;
            }
        }

        return cloudEvent;
    }

    /// <summary>The envelope's traceparent, or null.</summary>
    public static string? TraceParentOf(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent[TraceParentAttribute.Name] as string;
    }

    /// <summary>The envelope's tracestate, or null.</summary>
    public static string? TraceStateOf(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent[TraceStateAttribute.Name] as string;
    }
}
