using Microsoft.Azure.Functions.Worker;

namespace MLGov.LocalHost.Tests.SampleApp;

public sealed class TimerFunctions
{
    private readonly TickCounter _counter;
    private readonly TimerGate _gate;

    public TimerFunctions(TickCounter counter, TimerGate gate)
    {
        _counter = counter;
        _gate = gate;
    }

    [Function("EverySecond")]
    public void EverySecond([TimerTrigger("*/1 * * * * *")] TimerInfo timer) =>
        _counter.Ticks.Enqueue(("EverySecond", timer, DateTimeOffset.UtcNow));

    [Function("Nightly")]
    public Task Nightly([TimerTrigger("%NightlySchedule%", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        _counter.Ticks.Enqueue(("Nightly", timer, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }

    [Function("Gated")]
    public async Task Gated([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _counter.Ticks.Enqueue(("Gated", timer, DateTimeOffset.UtcNow));
        await _gate.PassAsync(cancellationToken);
    }
}
