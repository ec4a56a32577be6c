using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MLGov.Platform.Hosting;

namespace MLGov.Platform.Telemetry;

/// <summary>Puts the app's <see cref="IChainIntentBacklog"/>s on the pending-intents gauge while the app runs.</summary>
internal sealed class ChainIntentBacklogObserver : IHostedService, IDisposable
{
    private readonly IEnumerable<IChainIntentBacklog> _backlogs;
    private readonly string _app;
    private readonly List<IDisposable> _observations = [];

    public ChainIntentBacklogObserver(IEnumerable<IChainIntentBacklog> backlogs, IOptions<AppOptions> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _backlogs = backlogs;
        _app = app.Value.Name;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var backlog in _backlogs)
        {
            _observations.Add(MLGovTelemetry.Observe(backlog, _app));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var observation in _observations)
        {
            observation.Dispose();
        }

        _observations.Clear();
    }
}
