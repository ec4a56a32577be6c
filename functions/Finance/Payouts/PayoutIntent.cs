using Azure;
using Azure.Data.Tables;

namespace MLGov.Finance.Payouts;

/// <summary>
/// A payout Finance owes because of an SLA breach, not yet executed: a row of the finance table,
/// partition payouts:{incidentId}, written together with the inbox row of the event that caused it.
/// Settling it on chain (insurance pool payout) is a later step.
/// </summary>
public sealed class PayoutIntent : ITableEntity
{
    public const string PartitionPrefix = "payouts:";

    public const string IntentRowKey = "intent";

    public const string PendingStatus = "pending";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = IntentRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string IncidentId { get; set; } = string.Empty;

    public string SlaId { get; set; } = string.Empty;

    public string BeneficiaryDid { get; set; } = string.Empty;

    public string ProviderDid { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    public string Asset { get; set; } = string.Empty;

    public string Status { get; set; } = PendingStatus;

    /// <summary>The sla.breached event this intent came from.</summary>
    public string SourceEventId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public static string PartitionFor(string incidentId) => PartitionPrefix + incidentId;
}
