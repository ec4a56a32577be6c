using Microsoft.Extensions.Configuration;

namespace MLGov.LocalStack;

/// <summary>
/// Which settings each app gets locally: the sections its Bicep gives it in Azure
/// (infra/bicep/modules/function-app.bicep; the infra tests compare the two), plus the local-only
/// sections below. A setting the app would not have in Azure is not there locally either, so code
/// that reads another app's setting fails here first.
/// </summary>
public static class LocalAppSettings
{
    private static readonly string[] Shared = ["Tables", "ServiceBus", "Chain", "Contracts"];

    /// <summary>The configuration sections (top-level, ':' form) each app's Bicep sets, platform settings (AzureWebJobs*, APPLICATIONINSIGHTS_*) aside.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AzureSections { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["identity"] = [.. Shared, "Identity", "AzureAd"],
        ["registry"] = Shared,
        ["voting"] = [.. Shared, "Identity"],
        ["finance"] = Shared,
        ["risk"] = [.. Shared, "AzureAd"],
    };

    /// <summary>
    /// Sections only the local stack and tests set: tuning whose defaults Azure keeps (Messaging,
    /// Health, Voting), local telemetry output, and the local host's own keys and switches. Locally, a
    /// connection string (Tables:ConnectionString, ServiceBus:ConnectionString) stands in for the
    /// identity-based setting of the same section.
    /// </summary>
    public static IReadOnlyList<string> LocalOnlySections { get; } = ["Messaging", "Health", "Voting", "Telemetry", "LocalHost", "Logging"];

    /// <summary>The prefix of settings that only one app gets (<c>Apps:{app}:Chain:OperatorKey</c>), as its own app setting in Azure.</summary>
    public const string PerAppPrefix = "Apps";

    /// <summary>
    /// The app's view of the host configuration: only the sections it would have in Azure, and the
    /// local-only ones; a setting under <c>Apps:{app}:</c> overrides the shared one for that app alone
    /// (each app's own chain key, for example).
    /// </summary>
    public static IConfiguration For(string app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sections = AzureSections[app].Concat(LocalOnlySections).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var own = configuration.AsEnumerable()
            .Where(setting => setting.Value is not null && sections.Contains(setting.Key.Split(':', 2)[0]));
        var prefix = $"{PerAppPrefix}:{app}:";
        var overrides = configuration.AsEnumerable()
            .Where(setting => setting.Value is not null && setting.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(setting => new KeyValuePair<string, string?>(setting.Key[prefix.Length..], setting.Value))
            .Where(setting => sections.Contains(setting.Key.Split(':', 2)[0]));
        return new ConfigurationBuilder().AddInMemoryCollection(own).AddInMemoryCollection(overrides).Build();
    }
}
