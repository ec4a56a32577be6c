using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Arm;
using MLGov.Infra.Tests.Fixtures;

namespace MLGov.Infra.Tests.Bicep;

/// <summary>
/// A throw-away copy of infra/bicep and infra/servicebus, so snapshots are written outside the repo and
/// mutation tests can break the template without touching it.
/// </summary>
public sealed class TemplateWorkspace : IDisposable
{
    private readonly BicepCli _cli;

    public TemplateWorkspace(BicepCli cli)
    {
        _cli = cli;
        Root = Path.Combine(Path.GetTempPath(), "mlgov-infra-tests", Guid.NewGuid().ToString("N"));
        CopyDirectory(RepositoryPaths.BicepFolder, Path.Combine(Root, "infra", "bicep"));
        CopyDirectory(Path.GetDirectoryName(RepositoryPaths.TopologyFile)!, Path.Combine(Root, "infra", "servicebus"));
    }

    public string Root { get; }

    public string BicepFolder => Path.Combine(Root, "infra", "bicep");

    /// <summary>Rewrites a file of the copy; fails if the edit changes nothing, so a mutation test can't pass vacuously.</summary>
    public void Edit(string relativePath, Func<string, string> change)
    {
        var path = Path.Combine(BicepFolder, relativePath);
        var before = File.ReadAllText(path);
        var after = change(before);
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The edit of {relativePath} changed nothing.");
        }

        File.WriteAllText(path, after);
    }

    /// <summary>Drops bicepconfig.json, so the linter's errors don't stop a deliberately broken template from compiling.</summary>
    public void UseDefaultLinterLevels() => File.Delete(Path.Combine(BicepFolder, "bicepconfig.json"));

    /// <summary>`bicep build main.bicep`: the ARM JSON of the template.</summary>
    public JsonObject Build(out BicepResult result)
    {
        var outFile = Path.Combine(Root, "main.json");
        result = _cli.Run(BicepFolder, new Dictionary<string, string>(), "build", "main.bicep", "--outfile", outFile);
        EnsureSuccess(result, "build main.bicep");
        return JsonNode.Parse(File.ReadAllText(outFile))!.AsObject();
    }

    /// <summary>`bicep build-params`: the ARM parameters JSON of a parameter file.</summary>
    public JsonObject BuildParameters(string parameterFile, IReadOnlyDictionary<string, string> environment, out BicepResult result)
    {
        var outFile = Path.Combine(Root, Path.GetFileNameWithoutExtension(parameterFile) + ".parameters.json");
        result = _cli.Run(BicepFolder, environment, "build-params", parameterFile, "--outfile", outFile);
        EnsureSuccess(result, "build-params " + parameterFile);
        return JsonNode.Parse(File.ReadAllText(outFile))!.AsObject();
    }

    /// <summary>`bicep snapshot`: what the parameter file deploys into the test subscription and resource group.</summary>
    public Deployment Snapshot(string parameterFile, IReadOnlyDictionary<string, string> environment)
    {
        var result = _cli.Run(
            BicepFolder,
            environment,
            "snapshot", parameterFile, "--mode", "overwrite",
            "--subscription-id", DeploymentInputs.SubscriptionId,
            "--tenant-id", DeploymentInputs.TenantId,
            "--resource-group", DeploymentInputs.ResourceGroup,
            "--location", DeploymentInputs.Location,
            "--deployment-name", "main");
        EnsureSuccess(result, "snapshot " + parameterFile);
        var snapshotFile = Path.Combine(BicepFolder, Path.GetFileNameWithoutExtension(parameterFile) + ".snapshot.json");
        var snapshot = JsonNode.Parse(File.ReadAllText(snapshotFile))!.AsObject();
        var diagnostics = snapshot["diagnostics"]?.AsArray() ?? [];
        if (diagnostics.Count > 0)
        {
            throw new InvalidOperationException($"snapshot {parameterFile} reported: {diagnostics.ToJsonString()}");
        }

        return new Deployment(parameterFile, snapshot);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void EnsureSuccess(BicepResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep {what} failed ({result.ExitCode}):\n{result.StandardError}\n{result.StandardOutput}");
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.EndsWith(".snapshot.json", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
