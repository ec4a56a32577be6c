using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// Storage without shared keys, one table per app, Key Vault in RBAC mode with one non-exportable
/// secp256k1 signing key per app, workspace-based Application Insights that accepts Entra-authenticated
/// telemetry only.
/// </summary>
public static class DataServicesPolicy
{
    public static IReadOnlyList<string> Check(Deployment deployment)
    {
        var violations = new List<string>();
        void Expect(PredictedResource resource, string path, JsonNode? expected)
        {
            var actual = resource.At(path);
            if (!JsonNode.DeepEquals(actual, expected))
            {
                violations.Add($"{resource}: {path} is {actual?.ToJsonString() ?? "missing"}, expected {expected?.ToJsonString()}");
            }
        }

        foreach (var storage in deployment.OfType("Microsoft.Storage/storageAccounts"))
        {
            Expect(storage, "properties.allowSharedKeyAccess", false);
            Expect(storage, "properties.allowBlobPublicAccess", false);
            Expect(storage, "properties.minimumTlsVersion", "TLS1_2");
            Expect(storage, "properties.supportsHttpsTrafficOnly", true);
        }

        var tables = deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.ShortName).Order(StringComparer.Ordinal);
        if (!tables.SequenceEqual(MLGovApps.Names.Order(StringComparer.Ordinal)))
        {
            violations.Add($"tables are [{string.Join(", ", tables)}], expected one named after each app");
        }

        var vault = deployment.One("Microsoft.KeyVault/vaults");
        Expect(vault, "properties.enableRbacAuthorization", true);
        Expect(vault, "properties.enableSoftDelete", true);
        if (deployment.OfType("Microsoft.KeyVault/vaults/secrets").Any(s => s.ShortName == MLGovApps.OperatorKeySecret))
        {
            violations.Add($"Key Vault secret {MLGovApps.OperatorKeySecret} is declared: chain accounts are vault keys, no chain private key belongs in a secret");
        }

        foreach (var secret in new[] { MLGovApps.IssuerKeySecret })
        {
            var resource = deployment.OfType("Microsoft.KeyVault/vaults/secrets").SingleOrDefault(s => s.ShortName == secret);
            var value = resource?.At("properties.value")?.GetValue<string>() ?? string.Empty;
            if (resource is null)
            {
                violations.Add($"Key Vault secret {secret} is not declared");
            }
            else if (!value.StartsWith(ArmEvaluator.OpaqueStart + "parameters(", StringComparison.Ordinal))
            {
                violations.Add($"Key Vault secret {secret} is not set from a secure parameter");
            }
        }

        var keys = deployment.OfType("Microsoft.KeyVault/vaults/keys").ToDictionary(k => k.ShortName, StringComparer.Ordinal);
        foreach (var app in MLGovApps.Names)
        {
            if (!keys.TryGetValue(MLGovApps.ChainKeyOf(app), out var key))
            {
                violations.Add($"{app}: no chain signing key {MLGovApps.ChainKeyOf(app)} in the vault");
                continue;
            }

            Expect(key, "properties.kty", "EC");
            Expect(key, "properties.curveName", "P-256K");
            Expect(key, "properties.keyOps", new JsonArray("sign", "verify"));
            Expect(key, "properties.attributes.exportable", false);
        }

        // Identity's credential issuer key: EC P-256 (ES256), sign only (verifying is public, with the did:key), never exported.
        if (!keys.TryGetValue(MLGovApps.IssuerSigningKey, out var issuerKey))
        {
            violations.Add($"identity: no credential issuer key {MLGovApps.IssuerSigningKey} in the vault");
        }
        else
        {
            Expect(issuerKey, "properties.kty", "EC");
            Expect(issuerKey, "properties.curveName", "P-256");
            Expect(issuerKey, "properties.keyOps", new JsonArray("sign"));
            Expect(issuerKey, "properties.attributes.exportable", false);
        }

        var insights = deployment.One("Microsoft.Insights/components");
        Expect(insights, "properties.DisableLocalAuth", true);
        var workspace = deployment.One("Microsoft.OperationalInsights/workspaces");
        if (!string.Equals(insights.At("properties.WorkspaceResourceId")?.GetValue<string>(), workspace.Id, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add("Application Insights is not workspace-based on the deployment's Log Analytics workspace");
        }

        return violations;
    }
}
