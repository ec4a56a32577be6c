namespace MLGov.Platform.Telemetry;

/// <summary>Local telemetry settings (section Telemetry). In Azure, APPLICATIONINSIGHTS_CONNECTION_STRING decides instead.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>A file the spans are appended to as JSON lines (mlgov up sets .mlgov/local/traces.jsonl); none when empty.</summary>
    public string? SpanFile { get; set; }
}
