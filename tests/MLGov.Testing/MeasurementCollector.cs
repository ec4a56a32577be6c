using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MLGov.Testing;

/// <summary>Collects the measurements of the "MLGov" meter recorded in this process while it lives.</summary>
public sealed class MeasurementCollector : IDisposable
{
    public const string MeterName = "MLGov";

    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();
    private readonly MeterListener _listener = new();

    public MeasurementCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Asks the observable instruments for their current values.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>The measurements of one instrument whose tags include all of the given ones.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, params (string Key, object? Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value))).ToList();

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));
}
