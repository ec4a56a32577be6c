using System.Text.RegularExpressions;
using MLGov.Infra.Tests.Bicep;

namespace MLGov.Infra.Tests.Policy;

/// <summary>The five function apps, the secrets, table and signing key each owns, and which of them consume events.</summary>
public static partial class MLGovApps
{
    /// <summary>The shared operator key's secret of earlier templates: chain accounts are vault keys now, so no app reads it and the vault must not hold it.</summary>
    public const string OperatorKeySecret = "chain-operator-key";
    public const string IssuerKeySecret = "vc-issuer-key";

    public static IReadOnlyList<string> Names { get; } = ["identity", "registry", "voting", "finance", "risk"];

    /// <summary>Only Identity reads a secret (its credential issuer key); chain transactions are signed with each app's own vault key.</summary>
    public static IReadOnlyList<string> SecretsOf(string app) =>
        string.Equals(app, "identity", StringComparison.Ordinal) ? [IssuerKeySecret] : [];

    /// <summary>
    /// The one table an app reads and writes: the one named after it (records, outbox and inbox rows all
    /// live there; <see cref="TableArguments"/> checks the code never names another).
    /// </summary>
    public static string TableOf(string app) => app;

    /// <summary>Identity's credential issuer key in Key Vault (EC P-256, ES256, sign only); the secret is the Ed25519 fallback.</summary>
    public const string IssuerSigningKey = "vc-issuer-es256";

    /// <summary>The app's own chain signing key in Key Vault.</summary>
    public static string ChainKeyOf(string app) => "chain-" + app;

    /// <summary>Apps whose registration (functions/&lt;App&gt;/&lt;App&gt;App.cs) calls AddEventHandler, read from the C# source.</summary>
    public static IReadOnlySet<string> EventConsumers()
    {
        var consumers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in AppRegistrations())
        {
            var source = File.ReadAllText(file);
            if (source.Contains(".AddEventHandler<", StringComparison.Ordinal))
            {
                consumers.Add(AppNameIn(source, file));
            }
        }

        return consumers;
    }

    /// <summary>
    /// Every table name argument in an app's code (TableStores.Records/For/Client and AddOutbox), as
    /// written, with the app it belongs to.
    /// </summary>
    public static IReadOnlyList<(string App, string File, string Argument)> TableArguments()
    {
        var found = new List<(string, string, string)>();
        foreach (var registration in AppRegistrations())
        {
            var app = AppNameIn(File.ReadAllText(registration), registration);
            var folder = Path.GetDirectoryName(registration)!;
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match match in TableCall().Matches(File.ReadAllText(file)))
                {
                    found.Add((app, Path.GetRelativePath(RepositoryPaths.RepositoryRoot, file), match.Groups["arg"].Value.Trim()));
                }
            }
        }

        return found;
    }

    private static IEnumerable<string> AppRegistrations() =>
        Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.RepositoryRoot, "functions"))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + "App.cs"))
            .Where(File.Exists);

    private static string AppNameIn(string source, string file)
    {
        var match = AppNameConstant().Match(source);
        return match.Success ? match.Groups["name"].Value : throw new InvalidOperationException($"{file} declares no `public const string Name`.");
    }

    [GeneratedRegex("public const string Name = \"(?<name>[a-z]+)\";")]
    private static partial Regex AppNameConstant();

    [GeneratedRegex(@"(?:\.Records<[^>]+>|\.For<[^>]+>|\.Client|AddOutbox)\((?<arg>[^()]*)\)")]
    private static partial Regex TableCall();
}
