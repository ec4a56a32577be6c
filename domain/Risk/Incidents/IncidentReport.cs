namespace MLGov.Risk.Domain.Incidents;

/// <summary>
/// A monitor's report that an SLA was breached (the body of POST /api/risk/incidents). The monitor
/// chooses the incident id (for example the alert's fingerprint), which makes reporting idempotent.
/// DetectedAt defaults to the time of recording.
/// </summary>
public sealed record IncidentReport(
    string IncidentId,
    string SlaId,
    string ProviderDid,
    string BeneficiaryDid,
    string Objective,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long CompensationMinor,
    string Asset,
    DateTimeOffset? DetectedAt = null);
