using MLGov.Core.Errors;
using MLGov.Risk.Domain.Incidents;

namespace MLGov.Risk.Tests.Incidents;

public sealed class IncidentRecordingTests
{
    private static readonly DateTimeOffset Now = IncidentReports.Now;

    [Fact]
    public void A_new_report_opens_an_incident_and_raises_sla_breached_with_the_same_facts()
    {
        var report = IncidentReports.Valid();

        var decision = IncidentRecording.Record(report, existing: null, Now, "event-1");

        Assert.True(decision.Created);
        var incident = decision.Incident;
        Assert.Equal(
            new Incident("inc-1", "sla-7", report.ProviderDid, report.BeneficiaryDid, "availability", report.WindowStart, report.WindowEnd, Now, 2_500_000, "USDC", Now, "event-1"),
            incident);
        var breached = decision.Breached!;
        Assert.Equal(
            new Core.Events.Risk.SlaBreachedV1("inc-1", "sla-7", report.ProviderDid, report.BeneficiaryDid, "availability", report.WindowStart, report.WindowEnd, Now, 2_500_000, "USDC"),
            breached);
        Assert.Empty(breached.Validate());
    }

    [Fact]
    public void The_detection_time_is_the_reported_one_when_given()
    {
        var detected = Now.AddMinutes(-90);

        var decision = IncidentRecording.Record(IncidentReports.Valid() with { DetectedAt = detected }, null, Now, "event-1");

        Assert.Equal(detected, decision.Incident.DetectedAt);
        Assert.Equal(detected, decision.Breached!.DetectedAt);
        Assert.Equal(Now, decision.Incident.RecordedAt);
    }

    [Fact]
    public void An_identical_replay_changes_nothing_and_raises_no_event()
    {
        var first = IncidentRecording.Record(IncidentReports.Valid(), null, Now, "event-1").Incident;

        var replay = IncidentRecording.Record(IncidentReports.Valid(), first, Now.AddMinutes(3), "event-2");

        Assert.False(replay.Created);
        Assert.Null(replay.Breached);
        Assert.Same(first, replay.Incident);
    }

    [Fact]
    public void A_replay_that_states_the_defaulted_detection_time_is_still_a_replay()
    {
        var first = IncidentRecording.Record(IncidentReports.Valid(), null, Now, "event-1").Incident;

        var replay = IncidentRecording.Record(IncidentReports.Valid() with { DetectedAt = first.DetectedAt }, first, Now.AddMinutes(1), "event-2");

        Assert.False(replay.Created);
    }

    public static TheoryData<IncidentReport> ChangedReports() =>
    [
        IncidentReports.Valid() with { SlaId = "sla-8" },
        IncidentReports.Valid() with { ProviderDid = "did:web:other.example.com" },
        IncidentReports.Valid() with { BeneficiaryDid = "did:web:beneficiary.example.com" },
        IncidentReports.Valid() with { Objective = "latency-p99" },
        IncidentReports.Valid() with { WindowStart = IncidentReports.Now.AddHours(-3) },
        IncidentReports.Valid() with { WindowEnd = IncidentReports.Now.AddMinutes(-30) },
        IncidentReports.Valid() with { CompensationMinor = 2_500_001 },
        IncidentReports.Valid() with { Asset = "EURC" },
        IncidentReports.Valid() with { DetectedAt = IncidentReports.Now.AddMinutes(-61) },
    ];

    [Theory]
    [MemberData(nameof(ChangedReports))]
    public void The_same_incident_id_with_any_other_detail_is_a_conflict(IncidentReport changed)
    {
        var first = IncidentRecording.Record(IncidentReports.Valid(), null, Now, "event-1").Incident;

        var error = Assert.Throws<ConflictException>(() => IncidentRecording.Record(changed, first, Now.AddMinutes(1), "event-2"));

        Assert.Contains("inc-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attacker_cannot_raise_the_compensation_of_a_recorded_incident_by_reporting_it_again()
    {
        var first = IncidentRecording.Record(IncidentReports.Valid(), null, Now, "event-1").Incident;
        var inflated = IncidentReports.Valid() with { CompensationMinor = IncidentRules.MaxCompensationMinor };

        Assert.Throws<ConflictException>(() => IncidentRecording.Record(inflated, first, Now, "event-2"));
    }

    [Fact]
    public void An_invalid_report_is_refused_before_anything_is_decided_even_for_a_known_incident()
    {
        var first = IncidentRecording.Record(IncidentReports.Valid(), null, Now, "event-1").Incident;

        Assert.Throws<ValidationException>(() => IncidentRecording.Record(IncidentReports.Valid() with { Asset = "" }, first, Now, "event-2"));
        Assert.Throws<ValidationException>(() => IncidentRecording.Record(IncidentReports.Valid() with { Asset = "" }, null, Now, "event-2"));
    }
}
