using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class FunctionAppTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Every_app_has_a_managed_identity_https_only_tls12_and_no_ftp(string profile) =>
        Assert.Empty(FunctionAppPolicy.Check(fixture.Get(profile), fixture.Topology));

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Five_apps_each_tagged_with_its_azd_service_name(string profile) =>
        Assert.Equal(MLGovApps.Names.Order(), fixture.Get(profile).Sites.Keys.Order());

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
    public void Prod_keeps_two_instances_of_each_consumer_warm()
    {
        foreach (var app in fixture.Topology.Consumers)
        {
            var groups = fixture.Prod.Sites[app].At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady")!.AsArray();
            Assert.Equal(2, groups.Single(g => g!["name"]!.GetValue<string>() == "http")!["instanceCount"]!.GetValue<int>());
        }
    }
}
