using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class ServiceBusTopologyTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Topics_subscriptions_and_rules_equal_the_topology_file(string profile) =>
        Assert.Empty(TopologyPolicy.Check(fixture.Get(profile), fixture.Topology));

    [Fact]
    public void The_template_embeds_the_topology_file_verbatim()
    {
        var embedded = fixture.Template["variables"]!.AsObject()
            .Where(v => v.Key.StartsWith("$fxv#", StringComparison.Ordinal))
            .Select(v => v.Value);
        Assert.Contains(embedded, v => JsonNode.DeepEquals(v, fixture.Topology.Json));
    }
}
