using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

using MLGov.Core.Events;

namespace MLGov.Platform.Events;

/// <summary>
/// Wraps event records in CloudEvents 1.0 envelopes and back. The outbox stores the structured JSON
/// form (a complete, self-describing envelope); on Service Bus the event travels in binary mode
/// (see Messaging/CloudEventMessages).
/// </summary>
public static class EventEnvelope
{
    /// <summary>The media type of every event's data.</summary>
    public const string DataContentType = "application/json";

    /// <summary>The media type of the structured JSON form.</summary>
    public const string StructuredContentType = "application/cloudevents+json";

    private static readonly JsonEventFormatter Formatter = new(EventJson.Options, default);

    /// <summary>An envelope for an event; throws when the event breaks its own schema rules (a bug in the publisher).</summary>
    public static CloudEvent Create<TEvent>(TEvent data, string id, DateTimeOffset time)
        where TEvent : IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!EventIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid event id (1-128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit).", nameof(id));
        }

        var problems = data.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The {TEvent.EventType} event is invalid: {string.Join("; ", problems)}", nameof(data));
        }

        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Type = TEvent.EventType,
            Source = Definition<TEvent>.Value.Source,
            Subject = data.Subject,
            Time = time,
            DataContentType = DataContentType,
            Data = JsonSerializer.SerializeToElement(data, EventJson.Options),
        };
    }

    /// <summary>The structured-mode JSON of an envelope (what the outbox stores).</summary>
    public static string ToJson(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }

    /// <summary>Reads the structured-mode JSON form; throws ArgumentException or JsonException when it is not a valid envelope.</summary>
    public static CloudEvent FromJson(ReadOnlyMemory<byte> json) =>
        Formatter.DecodeStructuredModeMessage(json, new ContentType(StructuredContentType), null);

    /// <summary>The data of an envelope as bytes, for a binary-mode message body.</summary>
    public static ReadOnlyMemory<byte> EncodeData(CloudEvent cloudEvent) => Formatter.EncodeBinaryModeEventData(cloudEvent);

    /// <summary>Sets an envelope's data from a binary-mode message body (JSON is parsed, anything else kept as bytes).</summary>
    public static void DecodeData(ReadOnlyMemory<byte> body, CloudEvent cloudEvent) => Formatter.DecodeBinaryModeEventData(body, cloudEvent);

    /// <summary>The envelope's data as its schema record; throws JsonException when it does not fit the schema.</summary>
    public static object ReadData(CloudEvent cloudEvent, Type schema)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var element = cloudEvent.Data switch
        {
            JsonElement json => json,
            null => throw new JsonException("The event has no data."),
            _ => throw new JsonException($"The event's data is not JSON (data content type '{cloudEvent.DataContentType}')."),
        };
        return element.Deserialize(schema, EventJson.Options) ?? throw new JsonException("The event's data is null.");
    }

    private static class Definition<TEvent>
        where TEvent : IIntegrationEvent
    {
        public static readonly EventDefinition Value = EventDefinition.Of<TEvent>();
    }
}
