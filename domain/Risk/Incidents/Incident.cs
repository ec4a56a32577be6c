using MLGov.Core.Events.Risk;

namespace MLGov.Risk.Domain.Incidents;

/// <summary>
/// A recorded SLA breach: what was reported, when it was recorded, and the id of the
/// com.mlgov.risk.sla.breached.v1 event it raised. Amounts are integers in the asset's minor units.
/// </summary>
public sealed record Incident(
    string IncidentId,
    string SlaId,
    string ProviderDid,
    string BeneficiaryDid,
    string Objective,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset DetectedAt,
    long CompensationMinor,
    string Asset,
    DateTimeOffset RecordedAt,
    string EventId)
{
    /// <summary>The incident a report opens, recorded at <paramref name="recordedAt"/> with the event id it will publish under.</summary>
    public static Incident Open(IncidentReport report, DateTimeOffset recordedAt, string eventId)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Incident(
            report.IncidentId,
            report.SlaId,
            report.ProviderDid,
            report.BeneficiaryDid,
            report.Objective,
            report.WindowStart,
            report.WindowEnd,
            report.DetectedAt ?? recordedAt,
            report.CompensationMinor,
            report.Asset,
            recordedAt,
            eventId);
    }

    /// <summary>
    /// Whether the report says exactly what this incident records: the incident it would open with
    /// this incident's bookkeeping (recording time, event id, and detection time when the report
    /// leaves it out) equals this one.
    /// </summary>
    public bool IsReplayOf(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return this == Open(report with { DetectedAt = report.DetectedAt ?? DetectedAt }, RecordedAt, EventId);
    }

    /// <summary>The event that tells Finance to pay the beneficiary and Risk to slash the provider.</summary>
    public SlaBreachedV1 Breached() => new(
        IncidentId,
        SlaId,
        ProviderDid,
        BeneficiaryDid,
        Objective,
        WindowStart,
        WindowEnd,
        DetectedAt,
        CompensationMinor,
        Asset);
}
