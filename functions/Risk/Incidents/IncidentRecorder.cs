using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Core.Events.Risk;
using MLGov.Platform.Tables;

namespace MLGov.Risk.Incidents;

/// <summary>
/// Records SLA breach incidents. The incident row and its com.mlgov.risk.sla.breached.v1 event are
/// written in one partition transaction (the event through the outbox), so either both exist or
/// neither. Recording the same incident again with the same details changes nothing and returns it;
/// with other details it is a conflict.
/// </summary>
public sealed class IncidentRecorder
{
    private readonly TableStore<Incident> _incidents;
    private readonly TimeProvider _time;

    public IncidentRecorder(TableStores stores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _incidents = stores.For<Incident>(RiskApp.Name);
        _time = time;
    }

    public async Task<RecordedIncident> RecordAsync(RecordIncidentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        IncidentRules.Check(request, now);
        var partition = Incident.PartitionFor(request.IncidentId);
        var existing = await _incidents.FindAsync(partition, Incident.IncidentRowKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return Replay(existing, request);
        }

        var eventId = EventIds.New(now);
        var incident = new Incident
        {
            PartitionKey = partition,
            IncidentId = request.IncidentId,
            SlaId = request.SlaId,
            ProviderDid = request.ProviderDid,
            BeneficiaryDid = request.BeneficiaryDid,
            Objective = request.Objective,
            WindowStart = request.WindowStart,
            WindowEnd = request.WindowEnd,
            DetectedAt = request.DetectedAt ?? now,
            CompensationMinor = request.CompensationMinor,
            Asset = request.Asset,
            RecordedAt = now,
            EventId = eventId,
        };
        var breached = new SlaBreachedV1(
            incident.IncidentId,
            incident.SlaId,
            incident.ProviderDid,
            incident.BeneficiaryDid,
            incident.Objective,
            incident.WindowStart,
            incident.WindowEnd,
            incident.DetectedAt,
            incident.CompensationMinor,
            incident.Asset);

        var batch = await _incidents.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        batch.Add(incident).Publish(breached, eventId, now);
        try
        {
            var etags = await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            incident.ETag = etags[0];
            return new RecordedIncident(incident, Created: true);
        }
        catch (ConcurrencyConflictException)
        {
            // A concurrent request recorded it first; answer as for a replay.
            var winner = await _incidents.FindAsync(partition, Incident.IncidentRowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new ConflictException($"Incident '{request.IncidentId}' is being recorded concurrently; retry.");
            return Replay(winner, request);
        }
    }

    public async Task<Incident> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        IncidentRules.CheckId(incidentId);
        return await _incidents.FindAsync(Incident.PartitionFor(incidentId), Incident.IncidentRowKey, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Incident '{incidentId}' does not exist.");
    }

    private static RecordedIncident Replay(Incident existing, RecordIncidentRequest request)
    {
        var same = existing.SlaId == request.SlaId
            && existing.ProviderDid == request.ProviderDid
            && existing.BeneficiaryDid == request.BeneficiaryDid
            && existing.Objective == request.Objective
            && existing.WindowStart == request.WindowStart
            && existing.WindowEnd == request.WindowEnd
            && existing.CompensationMinor == request.CompensationMinor
            && existing.Asset == request.Asset
            && (request.DetectedAt is null || existing.DetectedAt == request.DetectedAt);
        return same
            ? new RecordedIncident(existing, Created: false)
            : throw new ConflictException($"Incident '{request.IncidentId}' was already recorded with different details.");
    }
}
