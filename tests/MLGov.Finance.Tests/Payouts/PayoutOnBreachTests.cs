using MLGov.Core.Errors;
using MLGov.Finance.Domain.Payouts;

namespace MLGov.Finance.Tests.Payouts;

public sealed class PayoutOnBreachTests
{
    private static readonly DateTimeOffset Now = Breaches.Now;

    [Fact]
    public void A_first_breach_owes_the_beneficiary_the_compensation_of_the_sla()
    {
        var breach = Breaches.Valid();

        var intent = PayoutOnBreach.Decide(breach, "event-1", existing: null, Now);

        Assert.Equal(
            new PayoutIntent("inc-1", "sla-7", breach.BeneficiaryDid, breach.ProviderDid, 2_500_000, "USDC", PayoutStatus.Pending, "event-1", Now),
            intent);
    }

    [Fact]
    public void The_same_event_delivered_again_writes_nothing()
    {
        var first = PayoutOnBreach.Decide(Breaches.Valid(), "event-1", null, Now);

        Assert.Null(PayoutOnBreach.Decide(Breaches.Valid(), "event-1", first, Now.AddMinutes(5)));
    }

    [Fact]
    public void A_second_breach_event_for_a_paid_incident_is_refused_so_nobody_is_paid_twice()
    {
        var first = PayoutOnBreach.Decide(Breaches.Valid(), "event-1", null, Now);
        var replayedUnderANewId = Breaches.Valid() with { CompensationMinor = 9_000_000 };

        var error = Assert.Throws<ConflictException>(() => PayoutOnBreach.Decide(replayedUnderANewId, "event-2", first, Now));

        Assert.Contains("inc-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("event-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_ids_are_compared_exactly()
    {
        var first = PayoutOnBreach.Decide(Breaches.Valid(), "event-1", null, Now);

        Assert.Throws<ConflictException>(() => PayoutOnBreach.Decide(Breaches.Valid(), "EVENT-1", first, Now));
    }

    [Fact]
    public void Breaches_of_different_incidents_owe_separately()
    {
        var first = PayoutOnBreach.Decide(Breaches.Valid("inc-1"), "event-1", null, Now);
        var second = PayoutOnBreach.Decide(Breaches.Valid("inc-2"), "event-2", null, Now);

        Assert.NotEqual(first, second);
        Assert.Equal("inc-2", second!.IncidentId);
        Assert.Equal(first!.AmountMinor, second.AmountMinor);
    }

    [Fact]
    public void A_missing_breach_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => PayoutOnBreach.Decide(null!, "event-1", null, Now));
        Assert.Throws<ArgumentNullException>(() => PayoutIntent.ForBreach(null!, "event-1", Now));
    }
}
