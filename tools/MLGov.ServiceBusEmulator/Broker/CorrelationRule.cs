using System.Globalization;
using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>A subscription rule with a correlation filter: all set properties must match exactly.</summary>
internal sealed class CorrelationRule
{
    private readonly CorrelationFilterDefinition? _filter;

    public CorrelationRule(RuleDefinition definition)
    {
        Name = definition.Name;
        _filter = definition.CorrelationFilter;
    }

    public string Name { get; }

    public bool Matches(MessageContent content)
    {
        if (_filter is null)
        {
            return true;
        }

        Microsoft.Azure.Amqp.Framing.Properties properties = content.Properties;
        return Equal(_filter.Subject, properties.Subject)
            && Equal(_filter.Label, properties.Subject)
            && Equal(_filter.CorrelationId, properties.CorrelationId?.ToString())
            && Equal(_filter.MessageId, properties.MessageId?.ToString())
            && Equal(_filter.To, properties.To?.ToString())
            && Equal(_filter.ReplyTo, properties.ReplyTo?.ToString())
            && Equal(_filter.SessionId, properties.GroupId)
            && Equal(_filter.ReplyToSessionId, properties.ReplyToGroupId)
            && Equal(_filter.ContentType, properties.ContentType.Value)
            && PropertiesMatch(content);
    }

    private static bool Equal(string? expected, string? actual) =>
        expected is null || string.Equals(expected, actual, StringComparison.Ordinal);

    private bool PropertiesMatch(MessageContent content)
    {
        if (_filter?.Properties is not { Count: > 0 } expected)
        {
            return true;
        }

        foreach ((string name, string value) in expected)
        {
            bool found = false;
            foreach (KeyValuePair<Microsoft.Azure.Amqp.Encoding.MapKey, object?> property in content.ApplicationProperties)
            {
                if (string.Equals(property.Key.Key as string, name, StringComparison.Ordinal))
                {
                    found = string.Equals(Convert.ToString(property.Value, CultureInfo.InvariantCulture), value, StringComparison.Ordinal);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
