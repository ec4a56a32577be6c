using System.Diagnostics;
using Microsoft.Extensions.Options;
using MLGov.Platform.Hosting;

namespace MLGov.Platform.Health;

/// <summary>Runs every registered dependency check in parallel, each with a time limit.</summary>
public sealed class HealthReporter
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
    private readonly IEnumerable<IDependencyCheck> _checks;
    private readonly string _app;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly object _gate = new();
    private Task<HealthReport>? _current;
    private DateTimeOffset _checkedAt;

    public HealthReporter(IEnumerable<IDependencyCheck> checks, IOptions<AppOptions> app, IOptions<HealthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        _cacheDuration = options.Value.CacheDuration;
        _checks = checks;
        _app = app.Value.Name;
        _time = time;
    }

    /// <summary>
    /// The report, checked at most once per <see cref="HealthOptions.CacheDuration"/>: callers within that time (and
    /// callers while a check runs) share one result, so the endpoint cannot be used to load the
    /// broker or the storage account.
    /// </summary>
    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is null || (_current.IsCompleted && _time.GetUtcNow() - _checkedAt >= _cacheDuration) || _current.IsFaulted || _current.IsCanceled)
            {
                _checkedAt = _time.GetUtcNow();
                _current = CheckNowAsync();
            }

            return _current.WaitAsync(cancellationToken);
        }
    }

    /// <summary>One check of every dependency; not tied to a caller's cancellation, since callers share it.</summary>
    private async Task<HealthReport> CheckNowAsync()
    {
        var checks = _checks.ToList();
        var results = await Task.WhenAll(checks.Select(RunAsync)).ConfigureAwait(false);
        var dependencies = checks.Zip(results).ToDictionary(pair => pair.First.Name, pair => pair.Second, StringComparer.Ordinal);
        var status = results.Any(r => !r.Healthy) ? "unhealthy" : results.Any(r => r.Degraded) ? "degraded" : "healthy";
        return new HealthReport(_app, status, _time.GetUtcNow(), dependencies);
    }

    private static async Task<DependencyStatus> RunAsync(IDependencyCheck check)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            return await check.CheckAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new DependencyStatus(false, watch.ElapsedMilliseconds, $"No answer within {CheckTimeout.TotalSeconds} s.");
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new DependencyStatus(false, watch.ElapsedMilliseconds, exception.GetType().Name + ": " + FirstLine(exception.Message));
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
