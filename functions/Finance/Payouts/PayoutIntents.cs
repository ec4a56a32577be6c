using MLGov.Core.Errors;
using MLGov.Core.Events.Risk;
using MLGov.Core.Identifiers;
using MLGov.Finance.Domain.Payouts;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Tables;

namespace MLGov.Finance.Payouts;

/// <summary>
/// Stores payout intents: one row per incident in the finance table, partition payouts:{incidentId},
/// written together with the inbox row of the event that caused it. The decision itself is
/// <see cref="PayoutOnBreach.Decide"/>.
/// </summary>
public sealed class PayoutIntents
{
    private const string PartitionPrefix = "payouts:";
    private const string IntentRowKey = "intent";

    private readonly RecordStore<PayoutIntent> _intents;
    private readonly TimeProvider _time;

    public PayoutIntents(TableStores stores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _intents = stores.Records<PayoutIntent>(FinanceApp.Name);
        _time = time;
    }

    /// <summary>
    /// Records the payout a breach entitles its beneficiary to. The intent and the event's inbox row
    /// commit together, so a redelivered event fails the commit and changes nothing.
    /// </summary>
    public async Task RecordAsync(SlaBreachedV1 breach, EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(context);
        var partition = PartitionPrefix + breach.IncidentId;
        var now = _time.GetUtcNow();

        // Most breaches are new, so write first and read only when the intent exists: one Table
        // request fewer per event than reading first.
        var intent = PayoutOnBreach.Decide(breach, context.EventId, null, now)!;
        var batch = await _intents.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        batch.Add(IntentRowKey, intent).RecordInbox(context);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AlreadyExistsException)
        {
            // The intent or this event's inbox row exists: a redelivery (nothing to do) or a second
            // breach event for the incident (Decide refuses it).
            var existing = await _intents.FindAsync(partition, IntentRowKey, cancellationToken).ConfigureAwait(false);
            if (existing is null || PayoutOnBreach.Decide(breach, context.EventId, existing.Value, now) is not null)
            {
                throw;
            }
        }
    }

    public async Task<StoredRecord<PayoutIntent>> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        ResourceId.Require("incidentId", incidentId);
        return await _intents.FindAsync(PartitionPrefix + incidentId, IntentRowKey, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"There is no payout intent for incident '{incidentId}'.");
    }
}
