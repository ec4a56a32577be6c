using System.Collections.Concurrent;
using System.Diagnostics;
using MLGov.Platform.Telemetry;

namespace MLGov.Bench.Pipeline;

/// <summary>When Finance finished recording each incident's payout intent: the end of its "record payout intent" span.</summary>
internal sealed class PayoutSpans : IDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recorded = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public PayoutSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MLGovTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "record payout intent" && activity.Status != ActivityStatusCode.Error
                    && activity.GetTagItem("mlgov.incident_id") is string incident)
                {
                    _recorded.TryAdd(incident, activity.StartTimeUtc + activity.Duration);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task<Dictionary<string, DateTimeOffset>> WaitForAsync(ICollection<string> incidents, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!incidents.All(_recorded.ContainsKey))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {incidents.Count(_recorded.ContainsKey)} of {incidents.Count} payout intents were recorded within {timeout}.");
            }

            await Task.Delay(50);
        }

        return incidents.ToDictionary(i => i, i => _recorded[i], StringComparer.Ordinal);
    }

    public void Dispose() => _listener.Dispose();
}
