namespace MLGov.LocalHost.Tests;

/// <summary>
/// A clock the test moves by hand, so a timer test can put an invocation exactly where it wants
/// it (late, or after a missed occurrence) instead of waiting for the wall clock. Timers created
/// on it (Task.Delay with a TimeProvider) fire when <see cref="AdvanceTo"/> passes their due time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start)
    {
        _now = start;
    }

    /// <summary>When the timers now armed will fire.</summary>
    public IReadOnlyList<DateTimeOffset> WakeUps
    {
        get
        {
            lock (_lock)
            {
                return [.. _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value)];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and fires every timer due by then (outside the lock, as a real timer would).</summary>
    public void AdvanceTo(DateTimeOffset to)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now = to;
            due = [.. _timers.Where(t => t.Due <= to)];
            foreach (var timer in due)
            {
                timer.Due = null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
