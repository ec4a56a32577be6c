namespace MLGov.Finance.Domain.Payouts;

/// <summary>Where a payout stands. Settling it on chain (insurance pool payout) adds the next states.</summary>
public enum PayoutStatus
{
    /// <summary>Owed, not yet executed.</summary>
    Pending,
}
