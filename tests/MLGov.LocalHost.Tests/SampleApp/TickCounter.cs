using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace MLGov.LocalHost.Tests.SampleApp;

/// <summary>Records every timer invocation the sample app receives.</summary>
public sealed class TickCounter
{
    public ConcurrentQueue<(string Function, TimerInfo Info, DateTimeOffset At)> Ticks { get; } = new();
}
