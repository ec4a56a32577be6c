using MLGov.Core.Events.Risk;

namespace MLGov.Risk.Domain.Incidents;

/// <summary>
/// What recording a report decided: the incident, and the event to publish with it when the report
/// opened it (null for an identical replay, which changes nothing).
/// </summary>
public sealed record IncidentDecision(Incident Incident, SlaBreachedV1? Breached)
{
    public bool Created => Breached is not null;
}
