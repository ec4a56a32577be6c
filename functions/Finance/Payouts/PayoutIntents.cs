using System.Text.RegularExpressions;
using MLGov.Core.Errors;
using MLGov.Core.Events.Risk;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Tables;

namespace MLGov.Finance.Payouts;

/// <summary>Payout intents: created from SLA breaches (once per incident), read by id.</summary>
public sealed partial class PayoutIntents
{
    private readonly TableStore<PayoutIntent> _intents;
    private readonly TimeProvider _time;

    public PayoutIntents(TableStores stores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _intents = stores.For<PayoutIntent>(FinanceApp.Name);
        _time = time;
    }

    /// <summary>
    /// Records the payout the breach entitles its beneficiary to. The intent and the event's inbox row
    /// commit together, so a redelivered event fails the commit and changes nothing. Another breach
    /// event for an incident that already has an intent is refused (dead-lettered for an operator).
    /// </summary>
    public async Task RecordAsync(SlaBreachedV1 breach, EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(context);
        var partition = PayoutIntent.PartitionFor(breach.IncidentId);
        var existing = await _intents.FindAsync(partition, PayoutIntent.IntentRowKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.SourceEventId != context.EventId)
        {
            throw new ConflictException($"Incident '{breach.IncidentId}' already has a payout intent, from event '{existing.SourceEventId}'.");
        }

        var intent = new PayoutIntent
        {
            PartitionKey = partition,
            IncidentId = breach.IncidentId,
            SlaId = breach.SlaId,
            BeneficiaryDid = breach.BeneficiaryDid,
            ProviderDid = breach.ProviderDid,
            AmountMinor = breach.CompensationMinor,
            Asset = breach.Asset,
            SourceEventId = context.EventId,
            CreatedAt = _time.GetUtcNow(),
        };
        var batch = await _intents.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        batch.Add(intent).RecordInbox(context);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PayoutIntent> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        if (!IncidentId().IsMatch(incidentId))
        {
            throw ValidationException.For("incidentId", "incidentId must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit.");
        }

        return await _intents.FindAsync(PayoutIntent.PartitionFor(incidentId), PayoutIntent.IntentRowKey, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"There is no payout intent for incident '{incidentId}'.");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IncidentId();
}
