using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class FunctionAppTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Every_app_runs_as_its_own_user_assigned_identity_https_only_tls12_and_no_ftp(string profile) =>
        Assert.Empty(FunctionAppPolicy.Check(fixture.Get(profile), MLGovApps.EventConsumers()));

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Five_apps_each_tagged_with_its_azd_service_name(string profile) =>
        Assert.Equal(MLGovApps.Names.Order(), fixture.Get(profile).Sites.Keys.Order());

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Each_azd_service_name_tags_exactly_one_resource_the_site(string profile)
    {
        // azd deploys a service to the single resource carrying its azd-service-name tag and refuses two.
        var tagged = fixture.Get(profile).Resources.Where(r => r.Tag("azd-service-name") is not null).ToList();
        Assert.All(tagged, r => Assert.Equal(Arm.Deployment.SiteType, r.Type));
        Assert.Equal(MLGovApps.Names.Order(), tagged.Select(r => r.Tag("azd-service-name")!).Order());
    }

    [Fact]
    public void Service_bus_consumers_are_the_registry_finance_and_risk_apps() =>
        Assert.Equal(["finance", "registry", "risk"], fixture.Topology.Consumers.Order());

    [Fact]
    public void Public_network_access_follows_the_parameter()
    {
        foreach (var site in fixture.Dev.Sites.Values)
        {
            Assert.Equal("Enabled", site.At("properties.publicNetworkAccess")?.GetValue<string>());
        }

        Assert.Contains("publicNetworkAccess", fixture.Template["parameters"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void The_apps_that_register_event_handlers_are_the_consumers_main_bicep_names()
    {
        // Read from functions/*/*App.cs: today only Finance registers a handler (payouts on SLA breach).
        Assert.Equal(["finance"], MLGovApps.EventConsumers().Order());
        Assert.Contains("var eventConsumers appName[] = ['finance']", File.ReadAllText(Path.Combine(Bicep.RepositoryPaths.BicepFolder, "main.bicep")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Only_event_consumers_keep_always_ready_instances(string profile)
    {
        var warm = fixture.Get(profile).Sites.Where(s => FunctionAppPolicy.AlwaysReady(s.Value) > 0).Select(s => s.Key).Order();
        Assert.Equal(MLGovApps.EventConsumers().Order(), warm);
    }

    [Fact]
    public void Prod_keeps_two_instances_of_each_consumer_warm()
    {
        foreach (var app in MLGovApps.EventConsumers())
        {
            var groups = fixture.Prod.Sites[app].At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady")!.AsArray();
            Assert.Equal(2, groups.Single(g => g!["name"]!.GetValue<string>() == "http")!["instanceCount"]!.GetValue<int>());
        }
    }

    /// <summary>
    /// All Flex Consumption apps of a subscription in a region share a memory quota of 512,000 MB
    /// (Azure Functions Flex Consumption plan documentation, "regional subscription memory quota").
    /// </summary>
    public const int FlexRegionalMemoryQuotaMB = 512_000;

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Maximum_instances_of_all_apps_fit_the_regional_flex_quota(string profile)
    {
        var sites = fixture.Get(profile).Sites.Values.ToList();
        var memory = sites.Sum(s =>
            s.At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount")!.GetValue<int>()
            * s.At("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB")!.GetValue<int>());
        Assert.Equal(5, sites.Count);
        Assert.InRange(memory, 1, FlexRegionalMemoryQuotaMB);
    }
}
