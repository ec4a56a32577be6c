using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// Every app: its own user-assigned identity for everything (package, host storage, Key Vault references),
/// HTTPS only, TLS 1.2, no FTP or basic auth, .NET 10 isolated on Flex, always-ready instances for the
/// apps that consume events and for no other.
/// </summary>
public static class FunctionAppPolicy
{
    public static IReadOnlyList<string> Check(Deployment deployment, IReadOnlySet<string> eventConsumers)
    {
        var violations = new List<string>();
        var sites = deployment.OfType(Deployment.SiteType).ToList();
        var apps = sites.Select(s => s.Tag("azd-service-name") ?? "(untagged " + s.Name + ")").Order(StringComparer.Ordinal).ToList();
        if (!apps.SequenceEqual(MLGovApps.Names.Order(StringComparer.Ordinal)))
        {
            violations.Add($"function apps are [{string.Join(", ", apps)}], expected one per app [{string.Join(", ", MLGovApps.Names)}]");
        }

        foreach (var site in sites)
        {
            var app = site.Tag("azd-service-name") ?? site.Name;
            void Expect(string path, JsonNode? expected)
            {
                var actual = site.At(path);
                if (!JsonNode.DeepEquals(actual, expected))
                {
                    violations.Add($"{app}: {path} is {actual?.ToJsonString() ?? "missing"}, expected {expected?.ToJsonString()}");
                }
            }

            var identityType = site.At("identity.type")?.GetValue<string>() ?? string.Empty;
            if (identityType != "UserAssigned")
            {
                violations.Add($"{app}: identity.type is '{identityType}', expected UserAssigned only (a system-assigned identity exists only once the site does)");
            }

            var identities = RoleAssignmentPolicy.IdentitiesByApp(deployment);
            var assigned = site.At("identity.userAssignedIdentities")?.AsObject().Count ?? 0;
            if (!identities.TryGetValue(app, out var identityId) || assigned != 1)
            {
                violations.Add($"{app}: does not run as exactly one user-assigned identity of the deployment");
            }
            else
            {
                if (identities.Count(i => string.Equals(i.Value, identityId, StringComparison.OrdinalIgnoreCase)) > 1)
                {
                    violations.Add($"{app}: shares its identity {identityId} with another app");
                }

                Expect("properties.keyVaultReferenceIdentity", identityId);
                Expect("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId", identityId);
            }

            Expect("properties.httpsOnly", true);
            Expect("properties.siteConfig.minTlsVersion", "1.2");
            Expect("properties.siteConfig.scmMinTlsVersion", "1.2");
            Expect("properties.siteConfig.ftpsState", "Disabled");
            Expect("properties.functionAppConfig.runtime.name", "dotnet-isolated");
            Expect("properties.functionAppConfig.runtime.version", "10.0");
            Expect("properties.functionAppConfig.deployment.storage.authentication.type", "UserAssignedIdentity");
            var hostAccount = AppSettingsPolicy.SettingsOf(site).GetValueOrDefault("AzureWebJobsStorage__accountName") ?? "(none)";
            var package = site.At("properties.functionAppConfig.deployment.storage.value")?.GetValue<string>() ?? string.Empty;
            if (!package.StartsWith($"https://{hostAccount}.blob.core.windows.net/", StringComparison.Ordinal))
            {
                violations.Add($"{app}: deploys from {package}, not from its own host storage account {hostAccount}");
            }


            foreach (var policy in new[] { "ftp", "scm" })
            {
                var resource = deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
                    .SingleOrDefault(p => string.Equals(p.Name, $"{site.Name}/{policy}", StringComparison.Ordinal));
                if (resource?.At("properties.allow")?.GetValue<bool>() != false)
                {
                    violations.Add($"{app}: basic publishing credentials for {policy} are not disabled");
                }
            }

            var planId = site.At("properties.serverFarmId")?.GetValue<string>();
            var plan = deployment.OfType("Microsoft.Web/serverfarms").SingleOrDefault(p => string.Equals(p.Id, planId, StringComparison.OrdinalIgnoreCase));
            if (plan?.At("sku.name")?.GetValue<string>() != "FC1")
            {
                violations.Add($"{app}: plan {planId} is not a Flex Consumption (FC1) plan");
            }

            var alwaysReady = AlwaysReady(site);
            if (eventConsumers.Contains(app) && alwaysReady < 1)
            {
                violations.Add($"{app}: runs a Service Bus consumer but has {alwaysReady} always-ready instances");
            }

            if (!eventConsumers.Contains(app) && alwaysReady > 0)
            {
                violations.Add($"{app}: consumes no events but keeps {alwaysReady} always-ready instances");
            }

            var settingNames = AppSettingsPolicy.SettingsOf(site).Keys;
            foreach (var forbidden in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE" })
            {
                if (settingNames.Contains(forbidden, StringComparer.OrdinalIgnoreCase))
                {
                    violations.Add($"{app}: sets {forbidden}, which Flex Consumption rejects (the runtime is functionAppConfig.runtime)");
                }
            }
        }

        return violations;
    }

    /// <summary>Always-ready instances of all groups of a site.</summary>
    public static int AlwaysReady(PredictedResource site) =>
        site.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady")?.AsArray()
            .Sum(g => g?["instanceCount"]?.GetValue<int>() ?? 0) ?? 0;
}
