using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Arm;

/// <summary>One resource of a deployment snapshot, with its expressions evaluated (<see cref="Json"/>) and as predicted (<see cref="Raw"/>).</summary>
public sealed class PredictedResource(JsonObject raw)
{
    public JsonObject Raw { get; } = raw;

    public JsonObject Json { get; } = (JsonObject)ArmEvaluator.EvaluateTree(raw)!;

    public string Id => Json["id"]!.GetValue<string>();

    public string Type => Json["type"]!.GetValue<string>();

    public string Name => Json["name"]!.GetValue<string>();

    /// <summary>The last segment of the name ("sub" of "ns/topic/sub").</summary>
    public string ShortName => Name.Split('/')[^1];

    public JsonObject Properties => Json["properties"] as JsonObject ?? [];

    public string? Tag(string name) => Json["tags"]?[name]?.GetValue<string>();

    /// <summary>The value at a dotted path below the resource ("properties.siteConfig.minTlsVersion").</summary>
    public JsonNode? At(string path)
    {
        JsonNode? node = Json;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    public override string ToString() => $"{Type} {Name}";
}
