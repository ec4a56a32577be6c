using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Policy;

/// <summary>infra/servicebus/topology.json, the file both the local emulator and the Bicep read.</summary>
public sealed class ServiceBusTopology(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public IEnumerable<JsonObject> Topics => Json["topics"]!.AsArray().Select(t => t!.AsObject());

    public JsonArray Queues => Json["queues"]?.AsArray() ?? [];

    public IEnumerable<(JsonObject Topic, JsonObject Subscription)> Subscriptions =>
        Topics.SelectMany(t => t["subscriptions"]!.AsArray().Select(s => (t, s!.AsObject())));

    /// <summary>Apps that receive from at least one subscription, so run a Service Bus consumer.</summary>
    public IReadOnlySet<string> Consumers =>
        Subscriptions.Select(x => x.Subscription["subscriber"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    public static ServiceBusTopology Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    public static string Name(JsonObject item) => item["name"]!.GetValue<string>();
}
