using MLGov.Core.Events.Risk;

namespace MLGov.Finance.Tests.Payouts;

/// <summary>Builds sla.breached events; tests change one thing with <c>with</c>.</summary>
public static class Breaches
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static SlaBreachedV1 Valid(string incidentId = "inc-1") => new(
        incidentId,
        "sla-7",
        "did:web:serving.example.com",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "availability",
        Now.AddHours(-2),
        Now.AddHours(-1),
        Now.AddMinutes(-59),
        2_500_000,
        "USDC");
}
