using Microsoft.Extensions.Options;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Outbox;

namespace MLGov.Platform.Health;

/// <summary>
/// The outbox as the dispatcher's last sweep saw it: degraded while events are stuck (failed
/// repeatedly) or the oldest pending commit waits longer than a few sweeps; never a call of its own.
/// </summary>
public sealed class OutboxDependencyCheck : IDependencyCheck
{
    private readonly OutboxStatus _status;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;

    public OutboxDependencyCheck(OutboxStatus status, IOptions<MessagingOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _status = status;
        _options = options.Value;
        _time = time;
    }

    public string Name => "outbox";

    public Task<DependencyStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stuck = _status.Stuck;
        var oldestAge = _status.OldestPendingAt is { } oldest ? now - oldest : TimeSpan.Zero;
        var lagging = oldestAge > _options.OutboxPollInterval * 5 + TimeSpan.FromSeconds(30);
        var details = new Dictionary<string, object>
        {
            ["pending"] = _status.Pending,
            ["oldestPendingSeconds"] = Math.Round(oldestAge.TotalSeconds, 1),
            ["stuckEventIds"] = stuck.SelectMany(s => s.EventIds).ToList(),
        };
        string? error = stuck.Count > 0
            ? $"{stuck.Count} commits could not be sent after repeated attempts; the oldest: {stuck.First().LastError}"
            : lagging ? $"The oldest pending event has waited {oldestAge.TotalSeconds:0} s." : null;
        return Task.FromResult(new DependencyStatus(true, 0, error, details) { Degraded = error is not null });
    }
}
