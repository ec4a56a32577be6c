using MLGov.Platform.Tables;
using MLGov.Risk.Domain.Incidents;

namespace MLGov.Risk.Incidents;

/// <summary>The outcome of recording: the stored incident, and whether this call created it (false for an identical replay).</summary>
public sealed record RecordedIncident(StoredRecord<Incident> Incident, bool Created);
