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
        var violations = FunctionAppPolicy.Check(deployment, fixture.Topology);
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
        Assert.Contains(FunctionAppPolicy.Check(deployment, fixture.Topology), v => v.StartsWith("voting: " + reported, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("minTlsVersion", "1.0")]
    [InlineData("ftpsState", "AllAllowed")]
    public void Weakening_tls_or_ftp_in_the_snapshot_is_caught(string setting, string value)
    {
        var deployment = MutateSnapshot(resources => Site(resources, "finance")["properties"]!["siteConfig"]![setting] = value);
        Assert.Contains(FunctionAppPolicy.Check(deployment, fixture.Topology), v => v.StartsWith($"finance: properties.siteConfig.{setting}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_without_an_always_ready_instance_is_caught()
    {
        var deployment = MutateSnapshot(resources => Site(resources, "risk")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"] = new JsonArray());
        Assert.Contains(FunctionAppPolicy.Check(deployment, fixture.Topology), v => v.StartsWith("risk: runs a Service Bus consumer", StringComparison.Ordinal));
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

    private Deployment CompileMutated(Action<TemplateWorkspace> mutate)
    {
        using var workspace = new TemplateWorkspace(fixture.Cli);
        workspace.UseDefaultLinterLevels();
        mutate(workspace);
        return workspace.Snapshot("dev.bicepparam", DeploymentInputs.Environment());
    }

    private Deployment MutateSnapshot(Action<JsonArray> mutate)
    {
        var snapshot = fixture.Dev.Snapshot.DeepClone().AsObject();
        mutate(snapshot["predictedResources"]!.AsArray());
        return new Deployment("dev.bicepparam (mutated)", snapshot);
    }

    private static JsonObject Site(JsonArray resources, string app) =>
        resources.Single(r => r!["type"]!.GetValue<string>() == Deployment.SiteType && r["tags"]?["azd-service-name"]?.GetValue<string>() == app)!.AsObject();
}
