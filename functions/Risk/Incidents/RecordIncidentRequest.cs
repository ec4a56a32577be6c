namespace MLGov.Risk.Incidents;

/// <summary>
/// Body of POST /api/risk/incidents. The client chooses the incident id (for example the alert's
/// fingerprint), which makes the call idempotent. DetectedAt defaults to the time of recording.
/// </summary>
public sealed record RecordIncidentRequest(
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
