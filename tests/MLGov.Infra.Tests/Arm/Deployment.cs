using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Arm;

/// <summary>What `bicep snapshot` predicts a parameter file deploys: every resource, loops and modules expanded.</summary>
public sealed class Deployment
{
    public const string SiteType = "Microsoft.Web/sites";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    public Deployment(string label, JsonObject snapshot)
    {
        Label = label;
        Snapshot = snapshot;
        Resources = snapshot["predictedResources"]!.AsArray().Select(r => new PredictedResource(r!.AsObject())).ToList();
        Outputs = (JsonObject)ArmEvaluator.EvaluateTree(snapshot["outputs"] ?? new JsonObject())!;
    }

    public string Label { get; }

    public JsonObject Snapshot { get; }

    public IReadOnlyList<PredictedResource> Resources { get; }

    public JsonObject Outputs { get; }

    public IEnumerable<PredictedResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public PredictedResource One(string type) => OfType(type).Single();

    /// <summary>The function apps by their azd-service-name tag.</summary>
    public IReadOnlyDictionary<string, PredictedResource> Sites =>
        OfType(SiteType).ToDictionary(s => s.Tag("azd-service-name") ?? s.Name, StringComparer.Ordinal);

    public override string ToString() => Label;
}
