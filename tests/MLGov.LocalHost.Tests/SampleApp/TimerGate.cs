namespace MLGov.LocalHost.Tests.SampleApp;

/// <summary>
/// Holds the sample app's Gated timer function inside its run until the test lets it go, and
/// records how many runs were inside at once. Open by default, so hosts that do not care never block.
/// </summary>
public sealed class TimerGate : IDisposable
{
    private readonly SemaphoreSlim _release;
    private int _inside;
    private int _mostInside;
    private int _entered;

    private TimerGate(int initial)
    {
        _release = new SemaphoreSlim(initial);
    }

    public int Entered => Volatile.Read(ref _entered);

    public int MostInsideAtOnce => Volatile.Read(ref _mostInside);

    public static TimerGate Open() => new(int.MaxValue / 2);

    public static TimerGate Closed() => new(0);

    public void Release(int runs) => _release.Release(runs);

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        var inside = Interlocked.Increment(ref _inside);
        Interlocked.Increment(ref _entered);
        int most;
        while (inside > (most = Volatile.Read(ref _mostInside)) && Interlocked.CompareExchange(ref _mostInside, inside, most) != most)
        {
        }

        try
        {
            await _release.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public void Dispose() => _release.Dispose();
}
