namespace MLGov.Risk.Incidents;

/// <summary>The outcome of recording: the incident, and whether this call created it (false for an identical replay).</summary>
public sealed record RecordedIncident(Incident Incident, bool Created);
