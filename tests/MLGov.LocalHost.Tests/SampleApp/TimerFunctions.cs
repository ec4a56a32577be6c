using Microsoft.Azure.Functions.Worker;

namespace MLGov.LocalHost.Tests.SampleApp;

public sealed class TimerFunctions
{
    private readonly TickCounter _counter;

    public TimerFunctions(TickCounter counter)
    {
        _counter = counter;
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
}
