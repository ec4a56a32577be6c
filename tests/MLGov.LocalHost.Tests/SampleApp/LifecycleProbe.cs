using Microsoft.Extensions.Hosting;

namespace MLGov.LocalHost.Tests.SampleApp;

/// <summary>A hosted service of the sample app that records when the host starts and stops it.</summary>
public sealed class LifecycleProbe : IHostedService
{
    public bool Started { get; private set; }

    public bool Stopped { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Started = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        return Task.CompletedTask;
    }
}
