namespace MLGov.DevStack;

/// <summary>Finds the repository (the folder with MLGovFunctions.sln) and the tools installed in it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>Git-ignored state of local runs (.mlgov/).</summary>
    public static string StateDirectory => Path.Combine(Root, ".mlgov");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("MLGOV_ROOT") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MLGovFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the MLGov repository (no MLGovFunctions.sln above the current or program directory); set MLGOV_ROOT.");
    }

    /// <summary>A file inside node_modules, or a clear error telling how to install it.</summary>
    public static string NodeModule(string relativePath)
    {
        var path = Path.Combine(NodeModules, relativePath);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{relativePath} is not installed under {NodeModules}. Run 'npm ci' in {Root} (./mlgov up and ./mlgov test do it for you).");
    }
}
