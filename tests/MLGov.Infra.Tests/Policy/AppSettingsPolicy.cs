using System.Text.RegularExpressions;
using MLGov.Infra.Tests.Arm;
using MLGov.Infra.Tests.Fixtures;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// App settings carry no secret: connections are identity-based and the two private keys are Key Vault
/// references. Also checks that each setting the apps read has the value the deployment implies.
/// </summary>
public static partial class AppSettingsPolicy
{
    private static readonly string[] SecretMarkers =
    [
        "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "sig=", "Password=", "pwd=",
        "-----BEGIN", "PRIVATE KEY", ArmEvaluator.OpaqueStart + "list", ArmEvaluator.OpaqueStart + "parameters(",
        DeploymentInputs.OperatorKeyCanary, DeploymentInputs.IssuerKeyCanary,
    ];

    /// <summary>The settings of a site, from siteConfig.appSettings.</summary>
    public static IReadOnlyDictionary<string, string> SettingsOf(PredictedResource site) =>
        (site.At("properties.siteConfig.appSettings")?.AsArray() ?? [])
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]?.ToString() ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Secrets, or things that can only be secrets, in any app setting of any site (including sites/config resources).</summary>
    public static IReadOnlyList<string> FindSecrets(Deployment deployment)
    {
        var violations = new List<string>();
        var settings = deployment.OfType(Deployment.SiteType)
            .SelectMany(site => SettingsOf(site).Select(s => (Where: site.Tag("azd-service-name") ?? site.Name, s.Key, s.Value)))
            .Concat(deployment.OfType("Microsoft.Web/sites/config")
                .SelectMany(config => config.Properties.Select(p => (Where: config.Name, p.Key, Value: p.Value?.ToString() ?? string.Empty))));
        foreach (var (where, name, value) in settings)
        {
            if (value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var marker in SecretMarkers)
            {
                if (value.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    violations.Add($"{where}: setting {name} holds a secret ('{marker}'); use a managed identity or a Key Vault reference");
                }
            }

            if (RawKey().IsMatch(value))
            {
                violations.Add($"{where}: setting {name} holds what looks like a raw 32-byte private key");
            }

            var isConnectionString = name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase);
            if (isConnectionString && !string.Equals(name, "APPLICATIONINSIGHTS_CONNECTION_STRING", StringComparison.Ordinal))
            {
                violations.Add($"{where}: setting {name} is a connection string; connect with the managed identity instead");
            }
        }

        return violations;
    }

    /// <summary>The identity-based and Key Vault settings each app reads, with the values this deployment implies.</summary>
    public static IReadOnlyList<string> CheckExpectedSettings(Deployment deployment)
    {
        var violations = new List<string>();
        var storage = deployment.One("Microsoft.Storage/storageAccounts").Name;
        var serviceBus = deployment.One("Microsoft.ServiceBus/namespaces").Name;
        var vault = deployment.One("Microsoft.KeyVault/vaults").Name;
        foreach (var (app, site) in deployment.Sites)
        {
            var settings = SettingsOf(site);
            var expected = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AzureWebJobsStorage__accountName"] = storage,
                ["AzureWebJobsStorage__credential"] = "managedidentity",
                ["Tables__ServiceUri"] = $"https://{storage}.table.core.windows.net",
                ["ServiceBus__FullyQualifiedNamespace"] = $"{serviceBus}.servicebus.windows.net",
                ["Chain__RpcUrl"] = DeploymentInputs.RpcUrl,
                ["Chain__ChainId"] = DeploymentInputs.ChainId,
                ["Chain__OperatorKey"] = KeyVaultReference(vault, MLGovApps.OperatorKeySecret),
                ["Identity__IssuerKey"] = string.Equals(app, "identity", StringComparison.Ordinal) ? KeyVaultReference(vault, MLGovApps.IssuerKeySecret) : null,
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ArmEvaluator.Reference(deployment.One("Microsoft.Insights/components").Id, full: false)["ConnectionString"]!.GetValue<string>(),
                // The host and the apps' Azure Monitor exporter authenticate with the managed identity (Entra ID).
                ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=AAD",
            };
            foreach (var (name, address) in DeploymentInputs.Contracts)
            {
                expected["Contracts__" + name] = address;
            }

            foreach (var (name, value) in expected)
            {
                var actual = settings.GetValueOrDefault(name);
                if (!string.Equals(actual, value, StringComparison.Ordinal))
                {
                    violations.Add($"{app}: {name} is '{actual ?? "(absent)"}', expected '{value ?? "(absent)"}'");
                }
            }
        }

        return violations;
    }

    public static string KeyVaultReference(string vault, string secret) =>
        $"@Microsoft.KeyVault(SecretUri=https://{vault}.vault.azure.net/secrets/{secret})";

    [GeneratedRegex("(?<![0-9a-fA-F])(0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])")]
    private static partial Regex RawKey();
}
