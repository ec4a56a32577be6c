namespace MLGov.Platform.Events.Risk;

/// <summary>
/// Risk recorded that a provider broke a service-level objective of an SLA within a window. Finance
/// turns it into a payout intent for the beneficiary; Risk slashes the provider's stake. Amounts are
/// integers in the asset's minor units.
/// </summary>
public sealed record SlaBreachedV1(
    string IncidentId,
    string SlaId,
    string ProviderDid,
    string BeneficiaryDid,
    string Objective,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset DetectedAt,
    long CompensationMinor,
    string Asset) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.risk.sla.breached.v1";

    public static string Topic => EventTopics.Risk;

    string IIntegrationEvent.Subject => "incidents/" + IncidentId;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(IncidentId))
        {
            yield return "incidentId is empty";
        }

        if (string.IsNullOrWhiteSpace(SlaId))
        {
            yield return "slaId is empty";
        }

        if (!ProviderDid.StartsWith("did:", StringComparison.Ordinal))
        {
            yield return "providerDid is not a DID";
        }

        if (!BeneficiaryDid.StartsWith("did:", StringComparison.Ordinal))
        {
            yield return "beneficiaryDid is not a DID";
        }

        if (string.IsNullOrWhiteSpace(Objective))
        {
            yield return "objective is empty";
        }

        if (WindowStart >= WindowEnd)
        {
            yield return "windowStart is not before windowEnd";
        }

        if (CompensationMinor <= 0)
        {
            yield return "compensationMinor is not positive";
        }

        if (string.IsNullOrWhiteSpace(Asset))
        {
            yield return "asset is empty";
        }
    }
}
