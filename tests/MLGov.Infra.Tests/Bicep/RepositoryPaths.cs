namespace MLGov.Infra.Tests.Bicep;

/// <summary>Locates the repository the tests run in, by walking up to the folder holding infra/bicep/main.bicep.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string BicepFolder => Path.Combine(RepositoryRoot, "infra", "bicep");

    public static string TopologyFile => Path.Combine(RepositoryRoot, "infra", "servicebus", "topology.json");

    public static string CheckScript => Path.Combine(RepositoryRoot, "infra", "bicep-check.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "infra", "bicep", "main.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No infra/bicep/main.bicep above {AppContext.BaseDirectory}.");
    }
}
