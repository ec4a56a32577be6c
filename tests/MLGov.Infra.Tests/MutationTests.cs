using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Arm;
using MLGov.Infra.Tests.Bicep;
using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

/// <summary>
/// The checks can fail: each test breaks one asserted property — in a copy of the Bicep that is then
/// compiled for real, or in a copy of the evaluated snapshot — and shows the policy reports it.
/// </summary>
[Collection(TemplateTestGroup.Name)]
public sealed class MutationTests(TemplateFixture fixture)
{
    [Fact]
    public void Removing_httpsOnly_from_the_app_module_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("modules/function-app.bicep", s => s.Replace("    httpsOnly: true\n", string.Empty, StringComparison.Ordinal)));
        var violations = FunctionAppPolicy.Check(deployment, MLGovApps.EventConsumers());
        Assert.Equal(5, violations.Count(v => v.Contains("properties.httpsOnly", StringComparison.Ordinal)));
    }

    [Fact]
    public void Granting_the_sender_role_on_the_whole_namespace_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("modules/role-assignments.bicep", s => s.Replace("    scope: topics[i]\n", "    scope: serviceBus\n", StringComparison.Ordinal)));
        var violations = RoleAssignmentPolicy.Check(deployment, fixture.Topology);
        Assert.Contains(violations, v => v.Contains("Azure Service Bus Data Sender", StringComparison.Ordinal) && v.Contains("broader than needed", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("identity: missing Azure Service Bus Data Sender", StringComparison.Ordinal));
    }

    [Fact]
    public void A_storage_connection_string_with_the_account_key_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("modules/function-app.bicep", s => s
            .Replace(
                "var hostSettings = {\n",
                "resource hostStorage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {\n  name: storageAccountName\n}\n\nvar hostSettings = {\n  AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=${storageAccountName};AccountKey=${hostStorage.listKeys().keys[0].value}'\n",
                StringComparison.Ordinal)));
        var violations = AppSettingsPolicy.FindSecrets(deployment);
        Assert.Contains(violations, v => v.Contains("AzureWebJobsStorage holds a secret", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("AzureWebJobsStorage is a connection string", StringComparison.Ordinal));
    }

    [Fact]
    public void Mapping_a_rule_subject_to_the_wrong_property_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("modules/service-bus.bicep", s => s.Replace("label: r.correlationFilter.?subject", "label: r.correlationFilter.?correlationId", StringComparison.Ordinal)));
        var violations = TopologyPolicy.Check(deployment, fixture.Topology);
        Assert.Contains(violations, v => v.Contains("correlationFilter.label is null, topology subject is \"com.mlgov.risk.sla.breached.v1\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("httpsOnly", "properties.httpsOnly")]
    [InlineData("identity", "identity.type")]
    public void Dropping_a_site_property_from_the_snapshot_is_caught(string property, string reported)
    {
        var deployment = MutateSnapshot(resources =>
        {
            var voting = Site(resources, "voting");
            if (property == "identity")
            {
                voting.Remove("identity");
            }
            else
            {
                voting["properties"]!.AsObject().Remove(property);
            }
        });
        Assert.Contains(FunctionAppPolicy.Check(deployment, MLGovApps.EventConsumers()), v => v.StartsWith("voting: " + reported, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("minTlsVersion", "1.0")]
    [InlineData("ftpsState", "AllAllowed")]
    public void Weakening_tls_or_ftp_in_the_snapshot_is_caught(string setting, string value)
    {
        var deployment = MutateSnapshot(resources => Site(resources, "finance")["properties"]!["siteConfig"]![setting] = value);
        Assert.Contains(FunctionAppPolicy.Check(deployment, MLGovApps.EventConsumers()), v => v.StartsWith($"finance: properties.siteConfig.{setting}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_without_an_always_ready_instance_is_caught()
    {
        var deployment = MutateSnapshot(resources => Site(resources, "finance")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"] = new JsonArray());
        Assert.Contains(FunctionAppPolicy.Check(deployment, MLGovApps.EventConsumers()), v => v.StartsWith("finance: runs a Service Bus consumer", StringComparison.Ordinal));
    }

    [Fact]
    public void An_always_ready_instance_for_an_app_that_consumes_nothing_is_caught()
    {
        var deployment = MutateSnapshot(resources => Site(resources, "voting")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"] =
            new JsonArray(new JsonObject { ["name"] = "http", ["instanceCount"] = 1 }));
        Assert.Contains(FunctionAppPolicy.Check(deployment, MLGovApps.EventConsumers()), v => v.StartsWith("voting: consumes no events but keeps 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_role_on_the_whole_data_account_is_caught_as_reaching_every_other_apps_table()
    {
        var deployment = CompileMutated(w => w.Edit("modules/role-assignments.bicep", s => s.Replace(
            "  scope: table\n  name: guid(table.id,",
            "  scope: dataStorage\n  name: guid(dataStorage.id,",
            StringComparison.Ordinal)));
        var violations = IsolationPolicy.Check(deployment);
        Assert.Contains("finance: Storage Table Data Contributor at " + RoleAssignmentPolicy.DataStorage(deployment).Id + " reaches risk's table", violations);
        Assert.Equal(5 * 4, violations.Count(v => v.Contains("Storage Table Data Contributor", StringComparison.Ordinal)));
        Assert.Contains(RoleAssignmentPolicy.Check(deployment, fixture.Topology), v => v.StartsWith("finance: Storage Table Data Contributor", StringComparison.Ordinal) && v.Contains("broader than needed", StringComparison.Ordinal));
    }

    [Fact]
    public void One_shared_host_storage_account_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("main.bicep", s => s.Replace(
            "hostStorage: map(appNames, n => 'st${n}${resourceToken}')",
            "hostStorage: map(appNames, n => 'sthost${resourceToken}')",
            StringComparison.Ordinal)));
        Assert.Contains(IsolationPolicy.Check(deployment), v => v.StartsWith("finance: Storage Blob Data Owner at ", StringComparison.Ordinal) && v.EndsWith("reaches risk's host storage (package, function keys)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_crypto_role_on_the_whole_vault_is_caught_as_reaching_every_other_apps_signing_key()
    {
        var deployment = MutateSnapshot(resources =>
        {
            var assignment = resources.First(r => r!["type"]!.GetValue<string>() == Deployment.RoleAssignmentType && r["id"]!.GetValue<string>().Contains("/keys/chain-identity'", StringComparison.Ordinal))!;
            assignment["id"] = assignment["id"]!.GetValue<string>().Replace("/keys/chain-identity'", "'", StringComparison.Ordinal);
        });
        Assert.Contains(IsolationPolicy.Check(deployment), v => v.StartsWith("identity: Key Vault Crypto User at ", StringComparison.Ordinal) && v.EndsWith("reaches finance's chain signing key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_that_no_longer_waits_for_its_role_assignments_is_caught()
    {
        using var workspace = new TemplateWorkspace(fixture.Cli);
        workspace.UseDefaultLinterLevels();
        workspace.Edit("main.bicep", s => s.Replace("    dependsOn: [\n      roleAssignments[i]\n      privateEndpoints\n    ]", "    dependsOn: [\n      privateEndpoints\n    ]", StringComparison.Ordinal));
        var template = workspace.Build(out _);
        Assert.Contains(IdentityOrderPolicy.Check(template), v => v.StartsWith("the app module does not depend on its own role assignments", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_granted_to_the_sites_system_identity_are_caught()
    {
        var template = CompileMutatedTemplate(w =>
        {
            w.Edit("modules/function-app.bicep", s => s
                .Replace("    type: 'UserAssigned'\n", "    type: 'SystemAssigned, UserAssigned'\n", StringComparison.Ordinal)
                .Replace("@description('Base URL of the app.')", "@description('Object id of the site\\'s system-assigned identity.')\noutput principalId string = site.identity.principalId\n\n@description('Base URL of the app.')", StringComparison.Ordinal));
            w.Edit("main.bicep", s => s
                .Replace("      principalId: identities[i].properties.principalId\n", "      principalId: apps[i].outputs.principalId\n", StringComparison.Ordinal)
                .Replace("    dependsOn: [\n      roleAssignments[i]\n      privateEndpoints\n    ]", "    dependsOn: [\n      privateEndpoints\n    ]", StringComparison.Ordinal));
        }, out var deployment);
        Assert.Contains(IdentityOrderPolicy.Check(template), v => v.StartsWith("the role assignments take a value from the app or its site", StringComparison.Ordinal));
        var violations = new List<string>();
        RoleAssignmentPolicy.Actual(deployment, violations);
        var assignments = deployment.OfType(Deployment.RoleAssignmentType).Count();
        Assert.True(assignments > 0);
        Assert.Equal(assignments, violations.Count(v => v.Contains("not to a function app's user-assigned identity", StringComparison.Ordinal)));
        Assert.Contains(FunctionAppPolicy.Check(deployment, MLGovApps.EventConsumers()), v => v.StartsWith("identity: identity.type is 'SystemAssigned, UserAssigned'", StringComparison.Ordinal));
    }

    [Fact]
    public void Local_authentication_left_on_in_application_insights_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("modules/monitoring.bicep", s => s.Replace("    DisableLocalAuth: true\n", string.Empty, StringComparison.Ordinal)));
        Assert.Contains(DataServicesPolicy.Check(deployment), v => v.Contains("properties.DisableLocalAuth is missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults/", "Key Vault: no diagnostic setting")]
    [InlineData("Microsoft.ServiceBus/namespaces/", "Service Bus: no diagnostic setting")]
    [InlineData("/tableServices/default/providers", "table service ")]
    [InlineData("/blobServices/default/providers", "'s host blob service: no diagnostic setting")]
    [InlineData("Microsoft.Web/sites/", "'s function app: no diagnostic setting")]
    public void A_missing_diagnostic_setting_is_caught(string scopeMarker, string reported)
    {
        var deployment = MutateSnapshot(resources =>
        {
            var setting = resources.First(r => r!["type"]!.GetValue<string>() == "Microsoft.Insights/diagnosticSettings" && r["id"]!.GetValue<string>().Contains(scopeMarker, StringComparison.Ordinal))!;
            resources.Remove(setting);
        });
        Assert.Contains(DiagnosticsPolicy.Check(deployment), v => v.Contains(reported, StringComparison.Ordinal));
    }

    [Fact]
    public void An_audit_setting_without_AuditEvent_is_caught()
    {
        var deployment = CompileMutated(w => w.Edit("modules/key-vault.bicep", s => s.Replace("{ category: 'AuditEvent', enabled: true }", "{ category: 'AzurePolicyEvaluationDetails', enabled: true }", StringComparison.Ordinal)));
        Assert.Contains("Key Vault: log category AuditEvent is not sent", DiagnosticsPolicy.Check(deployment));
    }

    [Theory]
    [InlineData("-table'", "no private endpoint for table of ")]
    [InlineData("/pe-kv-", "no private endpoint for vault of ")]
    [InlineData("/pe-sb-", "no private endpoint for namespace of ")]
    [InlineData("-blob'", "no private endpoint for blob of ")]
    public void A_missing_private_endpoint_is_caught(string marker, string reported)
    {
        var deployment = MutateSnapshot(fixture.Prod, resources =>
        {
            var endpoint = resources.First(r => r!["type"]!.GetValue<string>() == "Microsoft.Network/privateEndpoints" && (r["id"]!.GetValue<string>() + "'").Contains(marker, StringComparison.Ordinal))!;
            resources.Remove(endpoint);
        });
        Assert.Contains(NetworkPolicy.Check(deployment, expectPrivate: true), v => v.StartsWith(reported, StringComparison.Ordinal));
    }

    [Fact]
    public void Private_networking_that_leaves_public_access_on_is_caught()
    {
        var deployment = CompileMutated("prod.bicepparam", w => w.Edit("modules/key-vault.bicep", s => s.Replace("publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'", "publicNetworkAccess: 'Enabled'", StringComparison.Ordinal)));
        Assert.Contains(NetworkPolicy.Check(deployment, expectPrivate: true), v => v.Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal) && v.Contains("publicNetworkAccess is Enabled, expected Disabled", StringComparison.Ordinal));
    }

    [Fact]
    public void An_app_subnet_without_the_flex_delegation_is_caught()
    {
        var deployment = CompileMutated("prod.bicepparam", w => w.Edit("modules/network.bicep", s => s.Replace("serviceName: 'Microsoft.App/environments'", "serviceName: 'Microsoft.Web/serverFarms'", StringComparison.Ordinal)));
        Assert.Equal(5, NetworkPolicy.Check(deployment, expectPrivate: true).Count(v => v.Contains("is not delegated to Microsoft.App/environments", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Chain__OperatorKey", DeploymentInputs.OperatorKeyCanary)]
    [InlineData("ServiceBus__ConnectionString", "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abc=")]
    [InlineData("Identity__IssuerKey", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----")]
    public void A_secret_in_an_app_setting_of_the_snapshot_is_caught(string name, string value)
    {
        var deployment = MutateSnapshot(resources =>
        {
            var settings = Site(resources, "identity")["properties"]!["siteConfig"]!["appSettings"]!.AsArray();
            var existing = settings.FirstOrDefault(s => s!["name"]!.GetValue<string>() == name);
            if (existing is not null)
            {
                settings.Remove(existing);
            }

            settings.Add(new JsonObject { ["name"] = name, ["value"] = value });
        });
        Assert.Contains(AppSettingsPolicy.FindSecrets(deployment), v => v.StartsWith($"identity: setting {name} ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operator_key_reference_next_to_the_apps_vault_key_is_caught()
    {
        // The signer refuses to start with both; and the key would be one more private key outside the app's own.
        var deployment = MutateSnapshot(resources => Site(resources, "finance")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Add(new JsonObject { ["name"] = "Chain__OperatorKey", ["value"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/chain-operator-key)" }));
        Assert.Contains(AppSettingsPolicy.CheckExpectedSettings(deployment), v => v.StartsWith("finance: Chain__OperatorKey is '@Microsoft.KeyVault(", StringComparison.Ordinal) && v.EndsWith("expected '(absent)'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_subscription_rule_is_caught()
    {
        var deployment = MutateSnapshot(resources =>
        {
            var rule = resources.First(r => r!["type"]!.GetValue<string>() == "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules" && r["name"]!.GetValue<string>().EndsWith("/sla-breached", StringComparison.Ordinal));
            resources.Remove(rule);
        });
        Assert.Contains(TopologyPolicy.Check(deployment, fixture.Topology), v => v.EndsWith("of the topology is missing from the template", StringComparison.Ordinal) && v.StartsWith("rule ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_receiver_role_on_the_topic_instead_of_the_subscription_is_caught()
    {
        var deployment = MutateSnapshot(resources =>
        {
            var assignment = resources.First(r => r!["type"]!.GetValue<string>() == Deployment.RoleAssignmentType && r["id"]!.GetValue<string>().Contains("/subscriptions/finance-payouts'", StringComparison.Ordinal))!;
            assignment["id"] = assignment["id"]!.GetValue<string>().Replace("/subscriptions/finance-payouts'", "'", StringComparison.Ordinal);
        });
        Assert.Contains(RoleAssignmentPolicy.Check(deployment, fixture.Topology), v => v.StartsWith("finance: Azure Service Bus Data Receiver", StringComparison.Ordinal) && v.Contains("broader than needed", StringComparison.Ordinal));
    }

    private Deployment CompileMutated(Action<TemplateWorkspace> mutate) => CompileMutated("dev.bicepparam", mutate);

    private Deployment CompileMutated(string parameterFile, Action<TemplateWorkspace> mutate)
    {
        using var workspace = new TemplateWorkspace(fixture.Cli);
        workspace.UseDefaultLinterLevels();
        mutate(workspace);
        return workspace.Snapshot(parameterFile, DeploymentInputs.Environment());
    }

    private JsonObject CompileMutatedTemplate(Action<TemplateWorkspace> mutate, out Deployment deployment)
    {
        using var workspace = new TemplateWorkspace(fixture.Cli);
        workspace.UseDefaultLinterLevels();
        mutate(workspace);
        var template = workspace.Build(out _);
        deployment = workspace.Snapshot("dev.bicepparam", DeploymentInputs.Environment());
        return template;
    }

    private Deployment MutateSnapshot(Action<JsonArray> mutate) => MutateSnapshot(fixture.Dev, mutate);

    private static Deployment MutateSnapshot(Deployment original, Action<JsonArray> mutate)
    {
        var snapshot = original.Snapshot.DeepClone().AsObject();
        mutate(snapshot["predictedResources"]!.AsArray());
        return new Deployment(original.Label + " (mutated)", snapshot);
    }

    private static JsonObject Site(JsonArray resources, string app) =>
        resources.Single(r => r!["type"]!.GetValue<string>() == Deployment.SiteType && r["tags"]?["azd-service-name"]?.GetValue<string>() == app)!.AsObject();
}
