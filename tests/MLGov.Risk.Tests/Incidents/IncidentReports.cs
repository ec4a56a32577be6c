using MLGov.Risk.Domain.Incidents;

namespace MLGov.Risk.Tests.Incidents;

/// <summary>Builds valid incident reports relative to a fixed clock; tests change one thing with <c>with</c>.</summary>
public static class IncidentReports
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static IncidentReport Valid(string incidentId = "inc-1") => new(
        IncidentId: incidentId,
        SlaId: "sla-7",
        ProviderDid: "did:web:serving.example.com",
        BeneficiaryDid: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        Objective: "availability",
        WindowStart: Now.AddHours(-2),
        WindowEnd: Now.AddHours(-1),
        CompensationMinor: 2_500_000,
        Asset: "USDC");
}
