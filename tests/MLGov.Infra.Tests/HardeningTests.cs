using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLGov.Infra.Tests.Bicep;
using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

/// <summary>Each app reaches only its own data, identities exist before apps, audit trails, private networking, alerts.</summary>
[Collection(TemplateTestGroup.Name)]
public sealed partial class HardeningTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void No_app_has_a_data_role_on_another_apps_package_keys_or_tables(string profile) =>
        Assert.Empty(IsolationPolicy.Check(fixture.Get(profile)));

    [Fact]
    public void Apps_name_no_table_but_their_own_in_code()
    {
        var arguments = MLGovApps.TableArguments();
        Assert.NotEmpty(arguments);
        Assert.All(arguments, a => Assert.True(
            a.Argument == "Name" || a.Argument == char.ToUpperInvariant(a.App[0]) + a.App[1..] + "App.Name",
            $"{a.File} ({a.App}) opens table '{a.Argument}', not its own app's table"));
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Every_role_assignments_principal_exists_before_the_site(string profile)
    {
        Assert.Empty(IdentityOrderPolicy.Check(fixture.Template));
        var violations = new List<string>();
        var grants = RoleAssignmentPolicy.Actual(fixture.Get(profile), violations);
        Assert.Empty(violations);
        Assert.Equal(fixture.Get(profile).OfType(Arm.Deployment.RoleAssignmentType).Count(), grants.Count);
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Key_vault_service_bus_storage_and_apps_send_diagnostics_to_log_analytics(string profile) =>
        Assert.Empty(DiagnosticsPolicy.Check(fixture.Get(profile)));

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Application_insights_accepts_entra_authenticated_telemetry_only(string profile) =>
        Assert.True(fixture.Get(profile).One("Microsoft.Insights/components").At("properties.DisableLocalAuth")?.GetValue<bool>());

    [Fact]
    public void Dev_is_public_and_prod_is_private()
    {
        Assert.Empty(NetworkPolicy.Check(fixture.Dev, expectPrivate: false));
        Assert.Empty(NetworkPolicy.Check(fixture.Prod, expectPrivate: true));
        Assert.Equal(8, fixture.Prod.OfType("Microsoft.Network/privateEndpoints").Count());
    }

    [Fact]
    public void The_private_profile_builds_with_zero_warnings()
    {
        var parameters = fixture.Workspace.BuildParameters("prod.bicepparam", DeploymentInputs.Environment(), out var result);
        Assert.Empty(result.Problems);
        Assert.Empty(fixture.BuildResult.Problems);
        Assert.True(parameters["parameters"]!["privateNetworking"]!["value"]!.GetValue<bool>());
        Assert.Equal("Premium", parameters["parameters"]!["serviceBusSku"]!["value"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Each_topic_has_backlog_and_dead_letter_metric_alerts(string profile)
    {
        var deployment = fixture.Get(profile);
        var ns = deployment.One("Microsoft.ServiceBus/namespaces").Id;
        var criteria = deployment.OfType("Microsoft.Insights/metricAlerts")
            .Where(a => (a.At("properties.scopes")?.AsArray() ?? []).Any(s => s?.GetValue<string>() == ns) && a.At("properties.enabled")?.GetValue<bool>() == true)
            .SelectMany(a => a.At("properties.criteria.allOf")?.AsArray() ?? [])
            .Select(c => (
                Metric: c?["metricName"]?.GetValue<string>(),
                Topics: (c?["dimensions"]?.AsArray() ?? []).Where(d => d?["name"]?.GetValue<string>() == "EntityName").SelectMany(d => d?["values"]?.AsArray() ?? []).Select(v => v?.GetValue<string>()).ToList()))
            .ToList();
        foreach (var topic in fixture.Topology.Topics.Select(ServiceBusTopology.Name))
        {
            foreach (var metric in new[] { "ActiveMessages", "DeadletteredMessages" })
            {
                Assert.Contains(criteria, c => c.Metric == metric && c.Topics.SequenceEqual([topic]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Log_alerts_watch_dead_letters_per_subscription_and_outbox_lag_with_the_metric_names_the_apps_emit(string profile)
    {
        var deployment = fixture.Get(profile);
        var insights = deployment.One("Microsoft.Insights/components").Id;
        var rules = deployment.OfType("Microsoft.Insights/scheduledQueryRules")
            .Where(r => (r.At("properties.scopes")?.AsArray() ?? []).Any(s => s?.GetValue<string>() == insights))
            .SelectMany(r => r.At("properties.criteria.allOf")?.AsArray() ?? [])
            .ToList();
        var telemetry = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "lib", "MLGov.Platform", "Telemetry", "MLGovTelemetry.cs"));
        var pipeline = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "lib", "MLGov.Platform", "Messaging", "Consuming", "EventMessagePipeline.cs"));

        var deadLetters = Assert.Single(rules, r => r?["query"]?.GetValue<string>().Contains("\"mlgov.events.dead_lettered\"", StringComparison.Ordinal) == true);
        Assert.Contains("\"mlgov.events.dead_lettered\"", telemetry, StringComparison.Ordinal);
        Assert.Contains("customDimensions[\"subscription\"]", deadLetters!["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("MLGovTelemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>(\"subscription\"", pipeline, StringComparison.Ordinal);
        Assert.Equal("subscription", deadLetters["dimensions"]![0]!["name"]!.GetValue<string>());

        var lag = Assert.Single(rules, r => r?["query"]?.GetValue<string>().Contains("\"mlgov.outbox.lag\"", StringComparison.Ordinal) == true);
        Assert.Contains("\"mlgov.outbox.lag\", \"ms\"", telemetry, StringComparison.Ordinal);
        Assert.Equal(60000, lag!["threshold"]!.GetValue<int>());
    }

    [Fact]
    public void Every_action_of_every_workflow_is_pinned_to_a_full_commit()
    {
        var workflows = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.RepositoryRoot, ".github", "workflows"), "*.yml").ToList();
        Assert.NotEmpty(workflows);
        var uses = workflows.SelectMany(f => File.ReadLines(f).Select(l => (File: Path.GetFileName(f), Line: l.Trim())))
            .Where(l => l.Line.StartsWith("uses:", StringComparison.Ordinal) || l.Line.StartsWith("- uses:", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(PinnedAction(), u.Line));
    }

    [Fact]
    public void The_deploy_job_alone_may_request_an_oidc_token_and_it_runs_in_a_protected_environment()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, ".github", "workflows", "ci.yml"));
        Assert.Equal(1, Regex.Count(text, @"id-token:\s*write"));
        var deploy = text[text.IndexOf("\n  deploy:", StringComparison.Ordinal)..];
        Assert.Contains("id-token: write", deploy, StringComparison.Ordinal);
        Assert.Contains("environment: production", deploy, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^-?\s*uses:\s*[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}(\s+#.*)?$")]
    private static partial Regex PinnedAction();
}
