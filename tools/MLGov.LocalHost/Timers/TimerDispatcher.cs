using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MLGov.LocalHost.Discovery;
using MLGov.LocalHost.Invocation;

namespace MLGov.LocalHost.Timers;

/// <summary>
/// Fires one timer function on its schedule, with the Functions host's singleton semantics: one
/// invocation at a time, whether it was scheduled or asked for through the admin endpoint (a
/// manual run waits for a scheduled one and the other way round). The next occurrence is computed
/// after an invocation finishes, so occurrences that fall inside a long run are skipped rather
/// than queued. TimerInfo.IsPastDue is true only for a missed occurrence, as in Azure.
/// </summary>
internal sealed partial class TimerDispatcher : IDisposable
{
    private readonly FunctionDescriptor _function;
    private readonly FunctionInvoker _invoker;
    private readonly TimerSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _singleton = new(1, 1);
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
        if (_function.Timer!.RunOnStartup)
        {
            await FireAsync(isPastDue: false, stoppingToken).ConfigureAwait(false);
        }

        var next = _schedule.GetNextOccurrence(Now);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - Now;
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

            // The Functions host calls an invocation past due when an occurrence was missed (its
            // schedule monitor finds the recorded next occurrence already behind it). Here that is
            // a wake-up after the occurrence following the awaited one has passed too (the process
            // was suspended, the machine slept); a wake-up that is merely late is on time.
            var missed = _schedule.GetNextOccurrence(next) <= Now;
            await FireAsync(missed, stoppingToken).ConfigureAwait(false);
            var finished = Now;
            next = _schedule.GetNextOccurrence(next > finished ? next : finished);
        }
    }

    /// <summary>Runs the function once now, as the admin endpoint does; waits for a run in progress.</summary>
    public Task FireNowAsync(CancellationToken cancellationToken) => FireAsync(isPastDue: false, cancellationToken);

    public void Dispose() => _singleton.Dispose();

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private async Task FireAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        try
        {
            await _singleton.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var now = Now;
            var info = new TimerInfo
            {
                IsPastDue = isPastDue,
                ScheduleStatus = new ScheduleStatus { Last = _last, Next = _schedule.GetNextOccurrence(now), LastUpdated = now },
            };
            _last = now;
            await _invoker.InvokeTimerAsync(_function, info, cancellationToken).ConfigureAwait(false);
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
        finally
        {
            _singleton.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {FunctionName} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName);
}
