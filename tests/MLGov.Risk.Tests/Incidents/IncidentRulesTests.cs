using MLGov.Core.Errors;
using MLGov.Risk.Domain.Incidents;

namespace MLGov.Risk.Tests.Incidents;

public sealed class IncidentRulesTests
{
    private static readonly DateTimeOffset Now = IncidentReports.Now;

    [Fact]
    public void A_valid_report_passes()
    {
        IncidentRules.Check(IncidentReports.Valid(), Now);
        IncidentRules.Check(IncidentReports.Valid() with { DetectedAt = Now.AddHours(-2) }, Now);
        IncidentRules.Check(IncidentReports.Valid() with { DetectedAt = Now + IncidentRules.FutureSkew }, Now);
        IncidentRules.Check(IncidentReports.Valid() with { WindowEnd = Now + IncidentRules.FutureSkew }, Now);
        IncidentRules.Check(IncidentReports.Valid() with { CompensationMinor = 1 }, Now);
        IncidentRules.Check(IncidentReports.Valid() with { CompensationMinor = IncidentRules.MaxCompensationMinor }, Now);
        IncidentRules.Check(IncidentReports.Valid() with { Objective = "latency-p99" }, Now);
    }

    public static TheoryData<string, IncidentReport> InvalidReports() => new()
    {
        { "incidentId", IncidentReports.Valid() with { IncidentId = "has/slash" } },
        { "incidentId", IncidentReports.Valid() with { IncidentId = "" } },
        { "slaId", IncidentReports.Valid() with { SlaId = "sla 7" } },
        { "providerDid", IncidentReports.Valid() with { ProviderDid = "provider" } },
        { "beneficiaryDid", IncidentReports.Valid() with { BeneficiaryDid = "did:web" } },
        { "beneficiaryDid", IncidentReports.Valid() with { BeneficiaryDid = "did:web:serving.example.com" } },
        { "objective", IncidentReports.Valid() with { Objective = "Availability" } },
        { "objective", IncidentReports.Valid() with { Objective = "9lives" } },
        { "objective", IncidentReports.Valid() with { Objective = "a" + new string('b', 32) } },
        { "windowEnd", IncidentReports.Valid() with { WindowEnd = Now.AddHours(-2) } },
        { "windowEnd", IncidentReports.Valid() with { WindowStart = Now, WindowEnd = Now.AddHours(1) } },
        { "detectedAt", IncidentReports.Valid() with { DetectedAt = Now.AddHours(-3) } },
        { "detectedAt", IncidentReports.Valid() with { DetectedAt = Now + IncidentRules.FutureSkew + TimeSpan.FromTicks(1) } },
        { "compensationMinor", IncidentReports.Valid() with { CompensationMinor = 0 } },
        { "compensationMinor", IncidentReports.Valid() with { CompensationMinor = -5 } },
        { "compensationMinor", IncidentReports.Valid() with { CompensationMinor = IncidentRules.MaxCompensationMinor + 1 } },
        { "asset", IncidentReports.Valid() with { Asset = "usdc" } },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public void Each_broken_rule_is_reported_under_its_member_and_alone(string member, IncidentReport report)
    {
        var error = Assert.Throws<ValidationException>(() => IncidentRules.Check(report, Now));

        Assert.Equal([member], error.Errors.Keys);
        Assert.StartsWith("The incident is invalid: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_report_is_reported_at_once()
    {
        var report = IncidentReports.Valid() with { IncidentId = "", SlaId = "", Asset = "x", CompensationMinor = 0 };

        var error = Assert.Throws<ValidationException>(() => IncidentRules.Check(report, Now));

        Assert.Equal(["incidentId", "slaId", "compensationMinor", "asset"], error.Errors.Keys);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_reported_as_such_even_when_it_also_ends_in_the_future()
    {
        var report = IncidentReports.Valid() with { WindowStart = Now.AddHours(3), WindowEnd = Now.AddHours(2) };

        var error = Assert.Throws<ValidationException>(() => IncidentRules.Check(report, Now));

        Assert.Equal("windowEnd must be after windowStart.", Assert.Single(error.Errors["windowEnd"]));
    }

    [Fact]
    public void Equal_invalid_dids_are_reported_as_invalid_not_as_equal()
    {
        var report = IncidentReports.Valid() with { ProviderDid = "nope", BeneficiaryDid = "nope" };

        var error = Assert.Throws<ValidationException>(() => IncidentRules.Check(report, Now));

        Assert.StartsWith("beneficiaryDid must be a DID", error.Errors["beneficiaryDid"][0], StringComparison.Ordinal);
    }

    public static TheoryData<string, IncidentReport, string> ProblemWordings() => new()
    {
        { "objective", IncidentReports.Valid() with { Objective = "Availability" }, "objective must be a lower-case name" },
        { "windowEnd", IncidentReports.Valid() with { WindowStart = Now, WindowEnd = Now.AddHours(1) }, "windowEnd must not be in the future." },
        { "compensationMinor", IncidentReports.Valid() with { CompensationMinor = 0 }, "between 1 and 1000000000000000" },
        { "beneficiaryDid", IncidentReports.Valid() with { BeneficiaryDid = "did:web:serving.example.com" }, "beneficiaryDid must differ from providerDid." },
        { "detectedAt", IncidentReports.Valid() with { DetectedAt = Now.AddHours(-3) }, "detectedAt must lie between windowStart and now." },
        { "asset", IncidentReports.Valid() with { Asset = "usdc" }, "asset must be 2-12 characters" },
        { "providerDid", IncidentReports.Valid() with { ProviderDid = "x" }, "providerDid must be a DID" },
    };

    [Theory]
    [MemberData(nameof(ProblemWordings))]
    public void Each_problem_tells_the_caller_what_a_valid_value_is(string member, IncidentReport report, string wording)
    {
        var error = Assert.Throws<ValidationException>(() => IncidentRules.Check(report, Now));

        Assert.Contains(wording, Assert.Single(error.Errors[member]), StringComparison.Ordinal);
        Assert.Contains(wording, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_report_is_a_programming_error_not_a_validation_problem()
    {
        Assert.Throws<ArgumentNullException>(() => IncidentRules.Check(null!, Now));
        Assert.Throws<ArgumentNullException>(() => Incident.Open(null!, Now, "e"));
        Assert.Throws<ArgumentNullException>(() => IncidentRecording.Record(IncidentReports.Valid(), null, Now, "e").Incident.IsReplayOf(null!));
    }
}
