namespace MLGov.Risk.Incidents;

/// <summary>An incident as the API returns it.</summary>
public sealed record IncidentView(
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
    public static IncidentView From(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new IncidentView(
            incident.IncidentId,
            incident.SlaId,
            incident.ProviderDid,
            incident.BeneficiaryDid,
            incident.Objective,
            incident.WindowStart,
            incident.WindowEnd,
            incident.DetectedAt,
            incident.CompensationMinor,
            incident.Asset,
            incident.RecordedAt,
            incident.EventId);
    }
}
