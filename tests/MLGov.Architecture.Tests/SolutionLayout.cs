using System.Reflection;
using System.Xml.Linq;

namespace MLGov.Architecture.Tests;

/// <summary>
/// The projects of the repository by layer, found on disk by convention, so a new domain library or
/// app is checked without editing the tests: <c>domain/&lt;Service&gt;/MLGov.&lt;Service&gt;.Domain.csproj</c>,
/// <c>functions/&lt;App&gt;/MLGov.&lt;App&gt;.csproj</c>.
/// </summary>
public static class SolutionLayout
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<ProjectFile> DomainLibraries { get; } = Projects("domain");

    public static IReadOnlyList<ProjectFile> Apps { get; } = Projects("functions");

    public static ProjectFile Core { get; } = new(Path.Combine(Root, "lib", "MLGov.Core", "MLGov.Core.csproj"));

    public static ProjectFile Trust { get; } = new(Path.Combine(Root, "lib", "MLGov.Trust", "MLGov.Trust.csproj"));

    public static ProjectFile Platform { get; } = new(Path.Combine(Root, "lib", "MLGov.Platform", "MLGov.Platform.csproj"));

    private static List<ProjectFile> Projects(string folder) =>
        Directory.GetDirectories(Path.Combine(Root, folder))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .Select(p => new ProjectFile(p))
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLGovFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MLGovFunctions.sln not found above the test binaries.");
    }
}

/// <summary>A project file, what it references, and its compiled assembly.</summary>
public sealed class ProjectFile
{
    public ProjectFile(string path)
    {
        Path = path;
        Name = System.IO.Path.GetFileNameWithoutExtension(path);
        var project = XDocument.Load(path);
        ProjectReferences = project.Descendants("ProjectReference")
            .Select(r => System.IO.Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        PackageReferences = project.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value).ToList();
    }

    public string Path { get; }

    /// <summary>The project's name, which is also its assembly's (STYLE.md: folder, assembly and namespace agree).</summary>
    public string Name { get; }

    public IReadOnlyList<string> ProjectReferences { get; }

    public IReadOnlyList<string> PackageReferences { get; }

    /// <summary>The compiled assembly; the test project must reference the project for it to be here.</summary>
    public Assembly Load()
    {
        try
        {
            return Assembly.Load(new AssemblyName(Name));
        }
        catch (FileNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"{Name} is not built next to the architecture tests: add a ProjectReference to it in MLGov.Architecture.Tests.csproj.", exception);
        }
    }

    public override string ToString() => Name;
}
