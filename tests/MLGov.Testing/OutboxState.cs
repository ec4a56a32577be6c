namespace MLGov.Testing;

/// <summary>Where an event stands in a table's outbox index: not there (never written, or pruned), pending, or sent.</summary>
public enum OutboxState
{
    None,
    Pending,
    Sent,
}
