using MLGov.Core.Errors;

namespace MLGov.Risk.Domain.Incidents;

/// <summary>Recording a monitor's report: a new incident raises sla.breached, a replay changes nothing, anything else conflicts.</summary>
public static class IncidentRecording
{
    /// <param name="report">The report, checked against <see cref="IncidentRules"/>.</param>
    /// <param name="existing">The incident already recorded under the report's id, if any.</param>
    /// <param name="now">The time of recording.</param>
    /// <param name="eventId">The id the sla.breached event gets if the report opens the incident.</param>
    public static IncidentDecision Record(IncidentReport report, Incident? existing, DateTimeOffset now, string eventId)
    {
        IncidentRules.Check(report, now);
        if (existing is null)
        {
            var incident = Incident.Open(report, now, eventId);
            return new IncidentDecision(incident, incident.Breached());
        }

        return existing.IsReplayOf(report)
            ? new IncidentDecision(existing, null)
            : throw new ConflictException($"Incident '{report.IncidentId}' was already recorded with different details.");
    }
}
