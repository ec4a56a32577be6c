using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Core.Identifiers;
using MLGov.Platform.Tables;
using MLGov.Risk.Domain.Incidents;

namespace MLGov.Risk.Incidents;

/// <summary>
/// Stores incidents: one row per incident in the risk table, partition incidents:{id}. The row and
/// its com.mlgov.risk.sla.breached.v1 event commit in one partition transaction (the event through
/// the outbox), so either both exist or neither. The decision itself is
/// <see cref="IncidentRecording.Record"/>.
/// </summary>
public sealed class IncidentRecorder
{
    private const string PartitionPrefix = "incidents:";
    private const string IncidentRowKey = "incident";

    private readonly RecordStore<Incident> _incidents;
    private readonly TimeProvider _time;

    public IncidentRecorder(TableStores stores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _incidents = stores.Records<Incident>(RiskApp.Name);
        _time = time;
    }

    public async Task<RecordedIncident> RecordAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = _time.GetUtcNow();
        IncidentRules.Check(report, now); // before the id becomes a partition key
        var partition = PartitionPrefix + report.IncidentId;

        // Most reports open a new incident, so write first and read only when the row exists: one
        // Table request fewer per incident than reading first.
        var decision = IncidentRecording.Record(report, null, now, EventIds.New(now));
        var batch = await _incidents.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        batch.Add(IncidentRowKey, decision.Incident).Publish(decision.Breached!, decision.Incident.EventId, now);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RecordedIncident(new StoredRecord<Incident>(decision.Incident, partition, IncidentRowKey, batch.ETagOf(IncidentRowKey)), Created: true);
        }
        catch (AlreadyExistsException)
        {
            // Recorded before (a replay, or a concurrent request won): decide against what is stored.
            var winner = await _incidents.FindAsync(partition, IncidentRowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new ConflictException($"Incident '{report.IncidentId}' is being recorded concurrently; retry.");
            IncidentRecording.Record(report, winner.Value, now, decision.Incident.EventId);
            return new RecordedIncident(winner, Created: false);
        }
    }

    /// <summary>
    /// A page of incidents in id order, optionally only those of one SLA. Incidents are one per
    /// partition, so this reads the range of incident partitions (the platform's rows excluded).
    /// </summary>
    public async Task<Page<Incident>> ListAsync(string? slaId, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = TableFilters.PartitionStartsWith(PartitionPrefix);
        if (slaId is not null)
        {
            ResourceId.Require("slaId", slaId);
            filter += Azure.Data.Tables.TableClient.CreateQueryFilter($" and SlaId eq {slaId}");
        }

        var stored = await _incidents.PageAsync(filter, page, cancellationToken).ConfigureAwait(false);
        return stored.Select(incident => incident.Value);
    }

    public async Task<StoredRecord<Incident>> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        ResourceId.Require("incidentId", incidentId);
        return await _incidents.FindAsync(PartitionPrefix + incidentId, IncidentRowKey, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Incident '{incidentId}' does not exist.");
    }
}
