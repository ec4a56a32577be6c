using MLGov.Core.Events;
using MLGov.Core.Events.Risk;

namespace MLGov.Core.Tests.Events.Risk;

public sealed class SlaBreachedV1Tests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SlaBreachedV1 Valid = new(
        IncidentId: "inc-7",
        SlaId: "sla-1",
        ProviderDid: "did:web:provider.example",
        BeneficiaryDid: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        Objective: "availability",
        WindowStart: Start,
        WindowEnd: Start.AddDays(1),
        DetectedAt: Start.AddDays(1).AddMinutes(5),
        CompensationMinor: 1,
        Asset: "USDC");

    [Fact]
    public void Type_topic_and_subject()
    {
        Assert.Equal("com.mlgov.risk.sla.breached.v1", SlaBreachedV1.EventType);
        Assert.Equal("risk-events", SlaBreachedV1.Topic);
        Assert.Equal("incidents/inc-7", ((IIntegrationEvent)Valid).Subject);
    }

    [Fact]
    public void A_valid_breach_has_no_problems()
    {
        Assert.Empty(Valid.Validate());
    }

    public static TheoryData<SlaBreachedV1, string> Invalid => new()
    {
        { Valid with { IncidentId = "inc 7" }, "incidentId" },
        { Valid with { SlaId = "" }, "slaId" },
        { Valid with { ProviderDid = "did:web" }, "providerDid" },
        { Valid with { BeneficiaryDid = "provider.example" }, "beneficiaryDid" },
        { Valid with { Objective = " \t" }, "objective" },
        { Valid with { Objective = "" }, "objective" },
        { Valid with { WindowEnd = Start }, "windowStart" },
        { Valid with { WindowEnd = Start.AddTicks(-1) }, "windowStart" },
        { Valid with { CompensationMinor = 0 }, "compensationMinor" },
        { Valid with { CompensationMinor = -5 }, "compensationMinor" },
        { Valid with { Asset = "usdc" }, "asset" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_broken_rule_is_one_problem_naming_its_member(SlaBreachedV1 breach, string member)
    {
        var problem = Assert.Single(breach.Validate());

        Assert.StartsWith(member + " ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var breach = new SlaBreachedV1("", "", "", "", "", Start, Start, Start, 0, "");

        Assert.Equal(8, breach.Validate().Count());
    }

    [Fact]
    public void The_narrowest_window_and_the_smallest_amount_are_valid()
    {
        Assert.Empty((Valid with { WindowEnd = Start.AddTicks(1), CompensationMinor = 1 }).Validate());
    }
}
