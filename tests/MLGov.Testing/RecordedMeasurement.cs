namespace MLGov.Testing;

/// <summary>One value an instrument recorded, with its tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
