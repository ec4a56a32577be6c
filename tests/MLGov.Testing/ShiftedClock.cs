namespace MLGov.Testing;

/// <summary>
/// The real clock moved ahead by an offset the test sets: time keeps running (delays and timers are the system's, so
/// pollers keep polling), and <see cref="Shift"/> jumps it forward, for example past a proposal's end, without waiting.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
