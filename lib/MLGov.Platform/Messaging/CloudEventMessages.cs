using System.Globalization;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudNative.CloudEvents;
using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Messaging;

/// <summary>
/// CloudEvents on Service Bus in binary content mode (CloudEvents AMQP binding): the body is the event
/// data, ContentType its media type, every other attribute an application property named
/// cloudEvents_{attribute} with its string form. Service Bus properties follow the envelope:
/// MessageId = id (duplicate detection), Subject = type (subscription correlation filters).
/// The distributed tracing extension (traceparent) is also copied to Diagnostic-Id, the property
/// Service Bus tooling and the Azure SDK read a message's trace context from.
/// Reading also accepts the older cloudEvents: prefix and structured mode (application/cloudevents+json).
/// </summary>
public static class CloudEventMessages
{
    public const string AttributePrefix = "cloudEvents_";

    /// <summary>The application property Service Bus tooling reads a message's W3C trace context from.</summary>
    public const string DiagnosticIdProperty = "Diagnostic-Id";

    private const string LegacyAttributePrefix = "cloudEvents:";

    public static ServiceBusMessage ToMessage(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var message = new ServiceBusMessage(EventEnvelope.EncodeData(cloudEvent))
        {
            MessageId = cloudEvent.Id,
            Subject = cloudEvent.Type,
            ContentType = cloudEvent.DataContentType,
        };
        message.ApplicationProperties[AttributePrefix + CloudEventsSpecVersion.SpecVersionAttribute.Name] = cloudEvent.SpecVersion.VersionId;
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute != cloudEvent.SpecVersion.DataContentTypeAttribute)
            {
                message.ApplicationProperties[AttributePrefix + attribute.Name] = attribute.Format(value);
            }
        }

        if (EventTracing.TraceParentOf(cloudEvent) is { } traceParent)
        {
            message.ApplicationProperties[DiagnosticIdProperty] = traceParent;
        }

        return message;
    }

    /// <summary>The event a message carries; throws <see cref="InvalidEventMessageException"/> when it is not a valid CloudEvent.</summary>
    public static CloudEvent FromMessage(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = message.ContentType?.StartsWith(EventEnvelope.StructuredContentType, StringComparison.OrdinalIgnoreCase) == true
                ? EventEnvelope.FromJson(message.Body.ToMemory())
                : FromBinary(message);
            cloudEvent.Validate();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or JsonException or FormatException)
        {
            throw new InvalidEventMessageException("The message is not a valid CloudEvent: " + exception.Message, exception);
        }

        if (!EventIds.IsValid(cloudEvent.Id))
        {
            throw new InvalidEventMessageException($"The event id '{cloudEvent.Id}' is not valid (1-128 of A-Z a-z 0-9 . _ : -).");
        }

        return cloudEvent;
    }

    /// <summary>An attribute of a message read without decoding it (for inspection): cloudEvents_{name} or cloudEvents:{name}.</summary>
    public static string? Attribute(IReadOnlyDictionary<string, object> properties, string name)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.TryGetValue(AttributePrefix + name, out var value) || properties.TryGetValue(LegacyAttributePrefix + name, out value)
            ? AsString(value)
            : null;
    }

    private static CloudEvent FromBinary(ServiceBusReceivedMessage message)
    {
        var versionId = Attribute(message.ApplicationProperties, CloudEventsSpecVersion.SpecVersionAttribute.Name)
            ?? throw new InvalidEventMessageException($"The message has no {AttributePrefix}specversion property (binary mode) and is not {EventEnvelope.StructuredContentType} (structured mode).");
        var version = CloudEventsSpecVersion.FromVersionId(versionId)
            ?? throw new InvalidEventMessageException($"The message's CloudEvents spec version '{versionId}' is not supported.");
        var cloudEvent = new CloudEvent(version);
        foreach (var (key, value) in message.ApplicationProperties)
        {
            var name = key.StartsWith(AttributePrefix, StringComparison.Ordinal) ? key[AttributePrefix.Length..]
                : key.StartsWith(LegacyAttributePrefix, StringComparison.Ordinal) ? key[LegacyAttributePrefix.Length..]
                : null;
            if (name is null || name == CloudEventsSpecVersion.SpecVersionAttribute.Name || name == version.DataContentTypeAttribute.Name || cloudEvent[name] is not null)
            {
                continue;
            }

            cloudEvent.SetAttributeFromString(name, AsString(value) ?? string.Empty);
        }

        cloudEvent.DataContentType = message.ContentType;
        EventEnvelope.DecodeData(message.Body.ToMemory(), cloudEvent);
        return cloudEvent;
    }

    private static string? AsString(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        Uri uri => uri.OriginalString,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
