using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MLGov.LocalHost.Discovery;
using MLGov.LocalHost.Invocation;

namespace MLGov.LocalHost.Timers;

/// <summary>
/// Fires one timer function on its schedule. Like the Functions host, an invocation never
/// overlaps the previous one: the next occurrence is computed after it finishes, and an
/// occurrence missed while it ran is reported through TimerInfo.IsPastDue.
/// </summary>
internal sealed partial class TimerDispatcher
{
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(1);
    private readonly FunctionDescriptor _function;
    private readonly FunctionInvoker _invoker;
    private readonly TimerSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTime _last;

    public TimerDispatcher(FunctionDescriptor function, FunctionInvoker invoker, TimerSchedule schedule, TimeProvider time, ILogger logger)
    {
        _function = function;
        _invoker = invoker;
        _schedule = schedule;
        _time = time;
        _logger = logger;
    }

    public FunctionDescriptor Function => _function;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (_function.Timer!.RunOnStartup)
        {
            await FireAsync(now, now, stoppingToken).ConfigureAwait(false);
        }

        var next = _schedule.GetNextOccurrence(_time.GetUtcNow().UtcDateTime);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - _time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            await FireAsync(next, _time.GetUtcNow().UtcDateTime, stoppingToken).ConfigureAwait(false);
            var finished = _time.GetUtcNow().UtcDateTime;
            next = _schedule.GetNextOccurrence(next > finished ? next : finished);
        }
    }

    /// <summary>Runs the function once now, as the admin endpoint does.</summary>
    public Task FireNowAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return FireAsync(now, now, cancellationToken);
    }

    private async Task FireAsync(DateTime scheduled, DateTime now, CancellationToken cancellationToken)
    {
        var info = new TimerInfo
        {
            IsPastDue = now - scheduled > PastDueTolerance,
            ScheduleStatus = new ScheduleStatus { Last = _last, Next = _schedule.GetNextOccurrence(now), LastUpdated = now },
        };
        _last = now;
        try
        {
            await _invoker.InvokeAsync(_function, httpContext: null, info, new Dictionary<string, object?>(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failing timer run is logged; the schedule goes on, as in the Functions host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(_logger, exception, _function.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {FunctionName} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName);
}
