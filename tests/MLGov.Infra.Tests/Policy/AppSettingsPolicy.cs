using System.Text.RegularExpressions;
using MLGov.Infra.Tests.Arm;
using MLGov.Infra.Tests.Fixtures;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// App settings carry no secret: connections are identity-based (the app's user-assigned identity), the
/// issuer key is a Key Vault reference and each app's chain signing key is named, never held. Also checks
/// that each setting the apps read has the value the deployment implies.
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
        var data = RoleAssignmentPolicy.DataStorage(deployment).Name;
        var serviceBus = deployment.One("Microsoft.ServiceBus/namespaces").Name;
        var vault = deployment.One("Microsoft.KeyVault/vaults").Name;
        var identities = RoleAssignmentPolicy.IdentitiesByApp(deployment);
        var hostAccounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (app, site) in deployment.Sites)
        {
            var settings = SettingsOf(site);
            var clientId = identities.TryGetValue(app, out var identityId) ? ArmEvaluator.ClientPrefix + identityId : "(the app has no user-assigned identity)";
            var hostAccount = settings.GetValueOrDefault("AzureWebJobsStorage__accountName") ?? string.Empty;
            if (string.Equals(hostAccount, data, StringComparison.Ordinal) || !deployment.OfType("Microsoft.Storage/storageAccounts").Any(a => a.Name == hostAccount))
            {
                violations.Add($"{app}: AzureWebJobsStorage__accountName is '{hostAccount}', expected a storage account of its own");
            }
            else if (hostAccounts.TryGetValue(hostAccount, out var other))
            {
                violations.Add($"{app}: shares its host storage account {hostAccount} with {other}");
            }
            else
            {
                hostAccounts[hostAccount] = app;
            }

            var expected = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AzureWebJobsStorage__credential"] = "managedidentity",
                ["AzureWebJobsStorage__clientId"] = clientId,
                ["AZURE_CLIENT_ID"] = clientId,
                ["Tables__ServiceUri"] = $"https://{data}.table.core.windows.net",
                ["ServiceBus__FullyQualifiedNamespace"] = $"{serviceBus}.servicebus.windows.net",
                ["Chain__RpcUrl"] = DeploymentInputs.RpcUrl,
                ["Chain__ChainId"] = DeploymentInputs.ChainId,
                // Each app signs with its own key in the vault; the signer refuses a private key setting besides it.
                ["Chain__OperatorKey"] = null,
                ["Chain__Signer__KeyVaultKeyId"] = $"https://{vault}.vault.azure.net/keys/{MLGovApps.ChainKeyOf(app)}",
                ["Chain__Signer__ManagedIdentityClientId"] = clientId,
                ["Identity__IssuerKey"] = string.Equals(app, "identity", StringComparison.Ordinal) ? KeyVaultReference(vault, MLGovApps.IssuerKeySecret) : null,
                // Identity signs credentials in the vault (ES256) when this names its key; the secret above is the Ed25519 fallback.
                ["Identity__Issuer__KeyVaultKeyId"] = string.Equals(app, "identity", StringComparison.Ordinal) ? $"https://{vault}.vault.azure.net/keys/{MLGovApps.IssuerSigningKey}" : null,
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ArmEvaluator.Reference(deployment.One("Microsoft.Insights/components").Id, full: false)["ConnectionString"]!.GetValue<string>(),
                // The host and the apps' Azure Monitor exporter authenticate with the app's identity (Entra ID).
                ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=AAD;ClientId=" + clientId,
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
