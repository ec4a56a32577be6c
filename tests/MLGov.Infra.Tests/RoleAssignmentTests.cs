using MLGov.Infra.Tests.Arm;
using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class RoleAssignmentTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Each_role_is_granted_at_its_narrowest_scope_and_nothing_more(string profile) =>
        Assert.Empty(RoleAssignmentPolicy.Check(fixture.Get(profile), fixture.Topology));

    [Fact]
    public void Publishers_send_only_to_their_own_topic()
    {
        var senders = RoleAssignmentPolicy.Actual(fixture.Dev, [])
            .Where(g => g.Role == BuiltInRoles.ServiceBusDataSender)
            .Select(g => (g.App, Scope: ArmEvaluator.TypeAndName(g.Scope)))
            .ToList();
        Assert.All(senders, s => Assert.Equal("Microsoft.ServiceBus/namespaces/topics", s.Scope.Type));
        Assert.Equal(
            ["finance->finance-events", "identity->identity-events", "registry->registry-events", "risk->risk-events", "voting->voting-events"],
            senders.Select(s => $"{s.App}->{s.Scope.Name}").Order());
    }

    [Fact]
    public void Consumers_receive_only_from_their_own_subscriptions()
    {
        var receivers = RoleAssignmentPolicy.Actual(fixture.Dev, [])
            .Where(g => g.Role == BuiltInRoles.ServiceBusDataReceiver)
            .Select(g => (g.App, Scope: ArmEvaluator.TypeAndName(g.Scope), Topic: g.Scope.Split('/')[^3]))
            .ToList();
        Assert.All(receivers, r => Assert.Equal("Microsoft.ServiceBus/namespaces/topics/subscriptions", r.Scope.Type));
        Assert.Equal(
            [
                "finance<-registry-events/finance", "finance<-risk-events/finance-payouts",
                "registry<-identity-events/registry", "registry<-voting-events/registry",
                "risk<-finance-events/risk", "risk<-risk-events/risk-slashing",
            ],
            receivers.Select(r => $"{r.App}<-{r.Topic}/{r.Scope.Name}").Order());
    }
}
