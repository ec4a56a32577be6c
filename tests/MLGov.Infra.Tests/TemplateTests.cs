using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Bicep;
using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

/// <summary>Properties of the compiled ARM JSON and the Bicep sources themselves.</summary>
[Collection(TemplateTestGroup.Name)]
public sealed class TemplateTests(TemplateFixture fixture)
{
    [Fact]
    public void Build_reports_no_warning_or_error() =>
        Assert.Empty(fixture.BuildResult.Problems);

    [Theory]
    [InlineData("listKeys(")]
    [InlineData("listConnectionStrings(")]
    [InlineData("listAccountSas(")]
    [InlineData("listServiceSas(")]
    [InlineData("listSecrets(")]
    [InlineData("listCredentials(")]
    public void No_key_listing_function_appears_anywhere(string function) =>
        Assert.DoesNotContain(function, fixture.Template.ToJsonString(), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Secure_parameters_have_no_default_anywhere()
    {
        var secure = AllTemplates(fixture.Template)
            .SelectMany(t => t["parameters"]?.AsObject() ?? [])
            .Where(p => p.Value?["type"]?.GetValue<string>() is "securestring" or "secureObject")
            .ToList();
        Assert.NotEmpty(secure);
        Assert.All(secure, p => Assert.Null(p.Value!["defaultValue"]));
    }

    [Fact]
    public void Every_parameter_and_output_of_every_module_has_a_description()
    {
        var undescribed = AllTemplates(fixture.Template)
            .SelectMany(t => (t["parameters"]?.AsObject() ?? []).Concat(t["outputs"]?.AsObject() ?? []))
            .Where(p => string.IsNullOrWhiteSpace(p.Value?["metadata"]?["description"]?.GetValue<string>()))
            .Select(p => p.Key)
            .ToList();
        Assert.Empty(undescribed);
    }

    [Fact]
    public void Modules_are_local_files()
    {
        var sources = Directory.EnumerateFiles(RepositoryPaths.BicepFolder, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("'br:", StringComparison.Ordinal) || File.ReadAllText(f).Contains("'br/", StringComparison.Ordinal) || File.ReadAllText(f).Contains("'ts/", StringComparison.Ordinal));
        Assert.Empty(sources);
    }

    [Fact]
    public void The_linter_treats_every_enabled_rule_as_an_error()
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(RepositoryPaths.BicepFolder, "bicepconfig.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var levels = config["analyzers"]!["core"]!["rules"]!.AsObject().Select(r => r.Value!["level"]!.GetValue<string>()).Distinct().Order();
        Assert.Equal(["error", "off"], levels);
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Outputs_name_every_resource_and_every_app_url(string profile)
    {
        var deployment = fixture.Get(profile);
        var outputs = deployment.Outputs;
        Assert.Equal(RoleAssignmentPolicy.DataStorage(deployment).Name, outputs["STORAGE_ACCOUNT_NAME"]?.GetValue<string>());
        Assert.Equal(deployment.One("Microsoft.ServiceBus/namespaces").Name, outputs["SERVICE_BUS_NAMESPACE_NAME"]?.GetValue<string>());
        Assert.Equal(deployment.One("Microsoft.KeyVault/vaults").Name, outputs["KEY_VAULT_NAME"]?.GetValue<string>());
        Assert.Equal(deployment.One("Microsoft.OperationalInsights/workspaces").Name, outputs["LOG_ANALYTICS_WORKSPACE_NAME"]?.GetValue<string>());
        Assert.Equal(deployment.One("Microsoft.Insights/components").Name, outputs["APPLICATION_INSIGHTS_NAME"]?.GetValue<string>());

        var apps = outputs["APPS"]!.AsArray();
        Assert.Equal(MLGovApps.Names, apps.Select(a => a!["app"]!.GetValue<string>()));
        foreach (var app in apps)
        {
            var name = app!["app"]!.GetValue<string>();
            var site = deployment.Sites[name];
            Assert.Equal(site.Name, app["functionAppName"]!.GetValue<string>());
            Assert.Equal(AppSettingsPolicy.SettingsOf(site)["AzureWebJobsStorage__accountName"], app["hostStorageAccountName"]!.GetValue<string>());
            Assert.Equal($"chain-{name}", app["chainKeyName"]!.GetValue<string>());
            Assert.Equal($"https://{site.Name}.azurewebsites.net", app["url"]!.GetValue<string>());
            Assert.Equal(site.Name, outputs[$"SERVICE_{name.ToUpperInvariant()}_NAME"]?.GetValue<string>());
            Assert.Equal($"https://{site.Name}.azurewebsites.net", outputs[$"SERVICE_{name.ToUpperInvariant()}_URL"]?.GetValue<string>());
            Assert.Contains(deployment.OfType("Microsoft.Web/serverfarms"), p => p.Name == app["planName"]!.GetValue<string>());
        }
    }

    /// <summary>The template and every nested module template.</summary>
    private static IEnumerable<JsonObject> AllTemplates(JsonObject template)
    {
        yield return template;
        var resources = template["resources"] switch
        {
            JsonObject symbolic => symbolic.Select(r => r.Value),
            JsonArray list => list.AsEnumerable(),
            _ => [],
        };
        foreach (var nested in resources.Select(r => r?["properties"]?["template"]).OfType<JsonObject>())
        {
            foreach (var inner in AllTemplates(nested))
            {
                yield return inner;
            }
        }
    }
}
