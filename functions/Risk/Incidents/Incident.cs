using Azure;
using Azure.Data.Tables;

namespace MLGov.Risk.Incidents;

/// <summary>A recorded SLA breach: a row of the risk table, partition incidents:{id}, with its outbox row beside it.</summary>
public sealed class Incident : ITableEntity
{
    public const string PartitionPrefix = "incidents:";

    public const string IncidentRowKey = "incident";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = IncidentRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string IncidentId { get; set; } = string.Empty;

    public string SlaId { get; set; } = string.Empty;

    public string ProviderDid { get; set; } = string.Empty;

    public string BeneficiaryDid { get; set; } = string.Empty;

    public string Objective { get; set; } = string.Empty;

    public DateTimeOffset WindowStart { get; set; }

    public DateTimeOffset WindowEnd { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public long CompensationMinor { get; set; }

    public string Asset { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The id of the sla.breached event published with it.</summary>
    public string EventId { get; set; } = string.Empty;

    public static string PartitionFor(string incidentId) => PartitionPrefix + incidentId;
}
