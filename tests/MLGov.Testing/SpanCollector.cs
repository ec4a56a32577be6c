using System.Collections.Concurrent;
using System.Diagnostics;

namespace MLGov.Testing;

/// <summary>
/// Collects the spans of the "MLGov" activity source that end in this process while it lives, as
/// an exporter would receive them. Other tests run in parallel, so callers pick theirs by trace id.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    public const string SourceName = "MLGov";

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A trace id nobody else uses, and a W3C traceparent header that makes a caller's span its root.</summary>
    public static (ActivityTraceId TraceId, ActivitySpanId CallerSpanId, string TraceParent) NewCaller()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        return (traceId, spanId, $"00-{traceId}-{spanId}-01");
    }

    /// <summary>The ended spans of one trace.</summary>
    public IReadOnlyList<Activity> Of(ActivityTraceId traceId) => _spans.Where(s => s.TraceId == traceId).ToList();

    public void Dispose() => _listener.Dispose();
}
