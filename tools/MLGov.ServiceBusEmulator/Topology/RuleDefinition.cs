namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>A subscription rule. Only correlation filters are supported.</summary>
public sealed record RuleDefinition
{
    /// <summary>Rule name.</summary>
    public required string Name { get; init; }

    /// <summary>The correlation filter; a rule without one matches every message.</summary>
    public CorrelationFilterDefinition? CorrelationFilter { get; init; }
}
