using System.Globalization;
using System.Text.RegularExpressions;

namespace MLGov.Core.Events;

/// <summary>
/// One entry of the event catalog: the type name, the schema record, the topic, and what follows
/// from the name (publishing app, version, CloudEvents source).
/// </summary>
public sealed partial record EventDefinition
{
    private EventDefinition(string type, Type schema, string topic, string publisher, int version)
    {
        Type = type;
        Schema = schema;
        Topic = topic;
        Publisher = publisher;
        Version = version;
    }

    /// <summary>The CloudEvents type, com.mlgov.{app}.{what}.v{N}.</summary>
    public string Type { get; }

    /// <summary>The record that is the event's data.</summary>
    public Type Schema { get; }

    public string Topic { get; }

    /// <summary>The publishing app, the third segment of the type name.</summary>
    public string Publisher { get; }

    public int Version { get; }

    /// <summary>The CloudEvents source of every event of this type: /mlgov/{app}.</summary>
    public Uri Source => new("/mlgov/" + Publisher, UriKind.Relative);

    public static EventDefinition Of<TEvent>()
        where TEvent : IIntegrationEvent
    {
        var match = TypeName().Match(TEvent.EventType);
        if (!match.Success)
        {
            throw new InvalidOperationException(
                $"Event type '{TEvent.EventType}' of {typeof(TEvent).Name} does not follow com.mlgov.{{app}}.{{what}}.v{{N}} (lower case).");
        }

        ArgumentException.ThrowIfNullOrEmpty(TEvent.Topic);
        return new EventDefinition(
            TEvent.EventType,
            typeof(TEvent),
            TEvent.Topic,
            match.Groups["app"].Value,
            int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^com\.mlgov\.(?<app>[a-z]+)(\.[a-z][a-z0-9-]*)+\.v(?<version>[1-9][0-9]{0,3})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
