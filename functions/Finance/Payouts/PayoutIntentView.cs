namespace MLGov.Finance.Payouts;

/// <summary>A payout intent as the API returns it.</summary>
public sealed record PayoutIntentView(
    string IncidentId,
    string SlaId,
    string BeneficiaryDid,
    string ProviderDid,
    long AmountMinor,
    string Asset,
    string Status,
    string SourceEventId,
    DateTimeOffset CreatedAt)
{
    public static PayoutIntentView From(PayoutIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return new PayoutIntentView(
            intent.IncidentId,
            intent.SlaId,
            intent.BeneficiaryDid,
            intent.ProviderDid,
            intent.AmountMinor,
            intent.Asset,
            intent.Status,
            intent.SourceEventId,
            intent.CreatedAt);
    }
}
