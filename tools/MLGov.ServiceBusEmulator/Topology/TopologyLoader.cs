using System.Text.Json;

namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>Reads the topology JSON file (camelCase, ISO 8601 durations, comments and <c>$comment</c> allowed).</summary>
public static class TopologyLoader
{
    private static readonly JsonSerializerOptions SerializerOptions = CreateOptions();

    /// <summary>Parses topology JSON text.</summary>
    public static ServiceBusTopology Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ServiceBusTopology topology = JsonSerializer.Deserialize<ServiceBusTopology>(json, SerializerOptions)
            ?? throw new InvalidDataException("The topology JSON is empty.");
        Validate(topology);
        return topology;
    }

    /// <summary>Reads and parses a topology file.</summary>
    public static async Task<ServiceBusTopology> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json);
    }

    /// <summary>Checks names are present and unique, since the broker addresses entities by name.</summary>
    public static void Validate(ServiceBusTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (QueueDefinition queue in topology.Queues)
        {
            RequireName(queue.Name, "queue");
            if (!names.Add(queue.Name))
            {
                throw new InvalidDataException($"Entity '{queue.Name}' is defined twice.");
            }
        }

        foreach (TopicDefinition topic in topology.Topics)
        {
            RequireName(topic.Name, "topic");
            if (!names.Add(topic.Name))
            {
                throw new InvalidDataException($"Entity '{topic.Name}' is defined twice.");
            }

            var subscriptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (SubscriptionDefinition subscription in topic.Subscriptions)
            {
                RequireName(subscription.Name, "subscription");
                if (!subscriptions.Add(subscription.Name))
                {
                    throw new InvalidDataException($"Subscription '{topic.Name}/{subscription.Name}' is defined twice.");
                }
            }
        }
    }

    private static void RequireName(string name, string kind)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"A {kind} needs a name without '/' (got '{name}').");
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new Iso8601DurationConverter());
        return options;
    }
}
