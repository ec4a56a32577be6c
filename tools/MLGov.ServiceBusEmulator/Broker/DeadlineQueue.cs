namespace MLGov.ServiceBusEmulator.Broker;

/// <summary>
/// Items due at points in time, with one timer armed for the earliest. Due items are handed to a callback in
/// batches on a thread-pool thread. Entries are never removed early: owners check on arrival whether an item
/// is still due (a renewed lock, a cancelled schedule), which keeps scheduling O(log n) and the idle cost zero.
/// </summary>
internal sealed class DeadlineQueue<T> : IDisposable
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private readonly Lock _sync = new();
    private readonly PriorityQueue<T, DateTime> _queue = new();
    private readonly Action<IReadOnlyList<T>> _onDue;
    private readonly Action<Exception> _onError;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private DateTime _armedFor = DateTime.MaxValue;
    private bool _disposed;

    public DeadlineQueue(TimeProvider time, Action<IReadOnlyList<T>> onDue, Action<Exception> onError)
    {
        _time = time;
        _onDue = onDue;
        _onError = onError;
        _timer = time.CreateTimer(static state => ((DeadlineQueue<T>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Schedule(T item, DateTime dueUtc)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _queue.Enqueue(item, dueUtc);
            if (dueUtc < _armedFor)
            {
                Arm(dueUtc);
            }
        }
    }

    /// <summary>Entries held, stale ones included.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Drops entries whose item is no longer live, so long-lived deadlines of settled messages do not pile up.</summary>
    public void Prune(Func<T, bool> isLive)
    {
        lock (_sync)
        {
            var live = new List<(T Item, DateTime DueUtc)>(_queue.Count);
            foreach ((T item, DateTime dueUtc) in _queue.UnorderedItems)
            {
                if (isLive(item))
                {
                    live.Add((item, dueUtc));
                }
            }

            _queue.Clear();
            foreach ((T item, DateTime dueUtc) in live)
            {
                _queue.Enqueue(item, dueUtc);
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _queue.Clear();
        }

        _timer.Dispose();
    }

    private void Arm(DateTime dueUtc)
    {
        _armedFor = dueUtc;
        TimeSpan delay = dueUtc - _time.GetUtcNow().UtcDateTime;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        else if (delay > MaxTimerDelay)
        {
            delay = MaxTimerDelay;
        }

        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        List<T>? due = null;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _armedFor = DateTime.MaxValue;
            DateTime now = _time.GetUtcNow().UtcDateTime;
            while (_queue.TryPeek(out T? item, out DateTime dueUtc) && dueUtc <= now)
            {
                _queue.Dequeue();
                (due ??= []).Add(item);
            }

            if (_queue.TryPeek(out _, out DateTime next))
            {
                Arm(next);
            }
        }

        if (due is not null)
        {
            try
            {
                _onDue(due);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A timer thread must not take the process down; the owner logs it.
                _onError(ex);
            }
        }
    }
}
