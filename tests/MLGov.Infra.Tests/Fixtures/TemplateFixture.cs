using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Arm;
using MLGov.Infra.Tests.Bicep;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests.Fixtures;

/// <summary>Compiles the template once and snapshots the dev and prod parameter files, for every test class of the collection.</summary>
public sealed class TemplateFixture : IDisposable
{
    public TemplateFixture()
    {
        Cli = BicepCli.Locate();
        Workspace = new TemplateWorkspace(Cli);
        Template = Workspace.Build(out var buildResult);
        BuildResult = buildResult;
        Dev = Workspace.Snapshot("dev.bicepparam", DeploymentInputs.Environment());
        Prod = Workspace.Snapshot("prod.bicepparam", DeploymentInputs.Environment());
        Topology = ServiceBusTopology.Load(RepositoryPaths.TopologyFile);
    }

    public BicepCli Cli { get; }

    public TemplateWorkspace Workspace { get; }

    /// <summary>The ARM JSON of main.bicep.</summary>
    public JsonObject Template { get; }

    public BicepResult BuildResult { get; }

    public Deployment Dev { get; }

    public Deployment Prod { get; }

    public ServiceBusTopology Topology { get; }

    public Deployment Get(string profile) => profile switch
    {
        "dev" => Dev,
        "prod" => Prod,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    public void Dispose() => Workspace.Dispose();
}
