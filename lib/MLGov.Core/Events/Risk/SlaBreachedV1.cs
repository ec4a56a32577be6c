using MLGov.Core.Identifiers;

namespace MLGov.Core.Events.Risk;

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
        if (!ResourceId.IsValid(IncidentId))
        {
            yield return ResourceId.Problem("incidentId");
        }

        if (!ResourceId.IsValid(SlaId))
        {
            yield return ResourceId.Problem("slaId");
        }

        if (!Did.IsValid(ProviderDid))
        {
            yield return Did.Problem("providerDid");
        }

        if (!Did.IsValid(BeneficiaryDid))
        {
            yield return Did.Problem("beneficiaryDid");
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

        if (!AssetCode.IsValid(Asset))
        {
            yield return AssetCode.Problem("asset");
        }
    }
}
