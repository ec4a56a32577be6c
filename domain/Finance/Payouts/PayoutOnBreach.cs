using MLGov.Core.Errors;
using MLGov.Core.Events.Risk;

namespace MLGov.Finance.Domain.Payouts;

/// <summary>Turns SLA breaches into payout intents: one intent per incident, whatever the deliveries.</summary>
public static class PayoutOnBreach
{
    /// <summary>
    /// The intent to record for a breach event, or null when <paramref name="existing"/> already came
    /// from this very event (a redelivery: nothing to write). A second, different breach event for an
    /// incident that already has an intent is a conflict: paying twice for one incident is what an
    /// attacker replaying or forging breach events would want.
    /// </summary>
    public static PayoutIntent? Decide(SlaBreachedV1 breach, string eventId, PayoutIntent? existing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(breach);
        if (existing is null)
        {
            return PayoutIntent.ForBreach(breach, eventId, now);
        }

        return string.Equals(existing.SourceEventId, eventId, StringComparison.Ordinal)
            ? null
            : throw new ConflictException($"Incident '{breach.IncidentId}' already has a payout intent, from event '{existing.SourceEventId}'.");
    }
}
