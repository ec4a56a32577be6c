using MLGov.Core.Events.Risk;

namespace MLGov.Finance.Domain.Payouts;

/// <summary>
/// A payout Finance owes a beneficiary because of an SLA breach, one per incident. Amounts are
/// integers in the asset's minor units.
/// </summary>
public sealed record PayoutIntent(
    string IncidentId,
    string SlaId,
    string BeneficiaryDid,
    string ProviderDid,
    long AmountMinor,
    string Asset,
    PayoutStatus Status,
    string SourceEventId,
    DateTimeOffset CreatedAt)
{
    /// <summary>The payout a breach entitles its beneficiary to: the compensation the SLA set.</summary>
    public static PayoutIntent ForBreach(SlaBreachedV1 breach, string sourceEventId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return new PayoutIntent(
            breach.IncidentId,
            breach.SlaId,
            breach.BeneficiaryDid,
            breach.ProviderDid,
            breach.CompensationMinor,
            breach.Asset,
            PayoutStatus.Pending,
            sourceEventId,
            createdAt);
    }
}
